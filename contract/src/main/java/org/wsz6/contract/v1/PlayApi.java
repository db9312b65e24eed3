package org.wsz6.contract.v1;

/** What WSZ6-admin may ask of WSZ6-play (served under {@code /internal/v1/play}). */
public interface PlayApi {

    void gameInstalled(GameInstalled game);

    void gameRetired(GameRetired game);

    LaunchResponse launch(LaunchRequest request);

    LaunchResponse debugLaunch(LaunchRequest request);

    ActiveSessions activeSessions();

    ObserverTokenResponse observerToken(String sessionId, ObserverTokenRequest request);
}
