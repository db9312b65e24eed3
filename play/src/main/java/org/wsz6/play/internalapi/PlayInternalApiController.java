package org.wsz6.play.internalapi;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.wsz6.contract.v1.ActiveSessions;
import org.wsz6.contract.v1.GameInstalled;
import org.wsz6.contract.v1.GameRetired;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.ObserverTokenRequest;
import org.wsz6.contract.v1.ObserverTokenResponse;
import org.wsz6.play.cluster.ClusterRouter;
import org.wsz6.play.gamehost.GameHostException;
import org.wsz6.play.session.GameCatalog;
import org.wsz6.play.session.Refusal;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.session.SessionStore;

/**
 * Play's side of the internal API v1 ({@link org.wsz6.contract.v1.PlayApi}), behind the shared-secret
 * guard registered in {@link PlayInternalApiWiring}.
 */
@RestController
public class PlayInternalApiController {

    private final SessionRegistry sessions;
    private final ClusterRouter router;
    private final SessionStore store;
    private final GameCatalog catalog;

    public PlayInternalApiController(SessionRegistry sessions, ClusterRouter router, SessionStore store,
                                     GameCatalog catalog) {
        this.sessions = sessions;
        this.router = router;
        this.store = store;
        this.catalog = catalog;
    }

    @PostMapping(InternalApiV1.PLAY_GAMES)
    public ResponseEntity<Void> gameInstalled(@RequestBody GameInstalled game) {
        if (game.folder() != null) {
            catalog.host().registerGame(java.nio.file.Path.of(game.folder()).toAbsolutePath().normalize(),
                    game.env() == null ? Map.of() : game.env(), game.allowNetwork());
        }
        store.upsertInstalledGame(game.slug(), game.version(), game.title() == null ? game.slug() : game.title(),
                game.folder(), game.status() == null ? "active" : game.status());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(InternalApiV1.PLAY_GAMES_RETIRED)
    public ResponseEntity<Void> gameRetired(@RequestBody GameRetired game) {
        store.retireGame(game.slug(), game.version());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(InternalApiV1.PLAY_LAUNCH)
    public LaunchResponse launch(@RequestBody LaunchRequest request) {
        return response(sessions.launch(request, request.debug()));
    }

    @PostMapping(InternalApiV1.PLAY_DEBUG_LAUNCH)
    public LaunchResponse debugLaunch(@RequestBody LaunchRequest request) {
        return response(sessions.launch(request, true));
    }

    @GetMapping(InternalApiV1.PLAY_ACTIVE_SESSIONS)
    public ActiveSessions activeSessions() {
        return new ActiveSessions(router.activeSessionsEverywhere()); // every node's, not only this one's
    }

    @PostMapping(InternalApiV1.PLAY_OBSERVER_TOKEN)
    public ObserverTokenResponse observerToken(@PathVariable("id") String sessionId, @RequestBody ObserverTokenRequest request) {
        if (request.admin() == null) {
            throw new Refusal("bad_message", "admin is required.");
        }
        return new ObserverTokenResponse("/play/observe/" + sessions.observerToken(sessionId, request.admin(), request.mayTakeOver()));
    }

    private static LaunchResponse response(SessionRegistry.Launched launched) {
        return new LaunchResponse(launched.sessionId(), "/play/claim/" + launched.ownerToken(),
                "/play/join/" + launched.inviteToken());
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Map<String, String>> refused(Refusal r) {
        HttpStatus status = r.code().equals("not_allowed") ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("error", r.code(), "message", r.getMessage()));
    }

    @ExceptionHandler(GameHostException.class)
    ResponseEntity<Map<String, String>> gameHostFailed(GameHostException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(Map.of("error", e.code(), "message", "The game could not be loaded: " + e.getMessage()));
    }
}
