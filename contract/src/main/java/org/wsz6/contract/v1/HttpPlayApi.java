package org.wsz6.contract.v1;

import org.wsz6.contract.InternalHttpClient;

/** {@link PlayApi} over HTTP: what admin uses to reach play, in the same JVM or another process. */
public class HttpPlayApi implements PlayApi {

    private final InternalHttpClient http;

    public HttpPlayApi(InternalHttpClient http) {
        this.http = http;
    }

    @Override
    public void gameInstalled(GameInstalled game) {
        http.post(InternalApiV1.PLAY_GAMES, game, Void.class);
    }

    @Override
    public void gameRetired(GameRetired game) {
        http.post(InternalApiV1.PLAY_GAMES_RETIRED, game, Void.class);
    }

    @Override
    public LaunchResponse launch(LaunchRequest request) {
        return http.post(InternalApiV1.PLAY_LAUNCH, request, LaunchResponse.class);
    }

    @Override
    public LaunchResponse debugLaunch(LaunchRequest request) {
        return http.post(InternalApiV1.PLAY_DEBUG_LAUNCH, request, LaunchResponse.class);
    }

    @Override
    public ActiveSessions activeSessions() {
        return http.get(InternalApiV1.PLAY_ACTIVE_SESSIONS, ActiveSessions.class);
    }

    @Override
    public ObserverTokenResponse observerToken(String sessionId, ObserverTokenRequest request) {
        return http.post(InternalApiV1.PLAY_OBSERVER_TOKEN.replace("{id}", sessionId), request,
                ObserverTokenResponse.class);
    }
}
