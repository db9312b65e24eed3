package org.wsz6.admin.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.catalogue.CatalogueService;
import org.wsz6.admin.catalogue.Game;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.catalogue.GameSettings;
import org.wsz6.admin.catalogue.GameSettingsService;
import org.wsz6.admin.catalogue.GameVersion;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.web.NotFoundException;
import org.wsz6.contract.InternalApiException;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.ObserverTokenRequest;
import org.wsz6.contract.v1.PlayApi;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.UserRef;

/**
 * Sessions as admin sees them: launching one (normal, debug, or continuing a paused one) through
 * play, letting an admin watch one, and the live list fed by play's status pushes. Play being down
 * is reported as {@link PlayUnavailable} with a message for the person, never as a crash.
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final PlayApi play;
    private final SessionRepository sessions;
    private final CatalogueService catalogue;
    private final GameRepository games;
    private final GameSettingsService gameSettings;
    private final Permissions permissions;
    private final String playPublicUrl;

    public SessionService(PlayApi play, SessionRepository sessions, CatalogueService catalogue, GameRepository games,
                          GameSettingsService gameSettings, Permissions permissions, @Value("${wsz6.play.public-url:}") String playPublicUrl) {
        this.play = play;
        this.sessions = sessions;
        this.catalogue = catalogue;
        this.games = games;
        this.gameSettings = gameSettings;
        this.permissions = permissions;
        this.playPublicUrl = playPublicUrl.endsWith("/") ? playPublicUrl.substring(0, playPublicUrl.length() - 1) : playPublicUrl;
    }

    /** Starts a session of the game's current version with the options the owner chose; returns where to send the browser. */
    public String launch(Account owner, String slug, Map<String, String> options, boolean debug) {
        Actor actor = owner.actor();
        Game game = catalogue.visible(actor, slug);
        permissions.require(actor, debug ? Action.DEBUG_MODE : Action.START_SESSION, game.target());
        GameVersion version = catalogue.currentVersion(game);
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (String key : version.description().configKeys()) {
            String value = options.get(key);
            if (value != null && !value.isBlank()) {
                chosen.put(key, value.trim());
            }
        }
        GameSettings settings = gameSettings.of(game.slug());
        LaunchRequest request = new LaunchRequest(game.slug(), version.version(), game.title(), version.folder(),
                userRef(owner), chosen, debug, null, settings.env(), settings.allowNetwork());
        return start(owner, game, version.version(), request, debug);
    }

    /** Continues a paused session the account owns, as a new session linked to it. */
    public String continuePaused(Account owner, String sessionId) {
        Actor actor = owner.actor();
        SessionRecord paused = sessions.findSummary(sessionId)
                .filter(s -> owner.id() == (s.ownerId() == null ? -1 : s.ownerId()))
                .orElseThrow(() -> new NotFoundException("You have no session " + sessionId + "."));
        if (!"paused".equals(paused.status())) {
            throw new NotFoundException("Session " + sessionId + " is not paused, so it cannot be continued.");
        }
        Game game = catalogue.visible(actor, paused.gameSlug());
        permissions.require(actor, Action.START_SESSION, game.target());
        // A continuation keeps the version it was played with, unless that version was retired.
        GameVersion version = games.version(game.slug(), paused.gameVersion())
                .filter(v -> !v.retired()).orElseGet(() -> catalogue.currentVersion(game));
        GameSettings settings = gameSettings.of(game.slug());
        LaunchRequest request = new LaunchRequest(game.slug(), version.version(), game.title(), version.folder(),
                userRef(owner), Map.of(), false, sessionId, settings.env(), settings.allowNetwork());
        return start(owner, game, version.version(), request, false);
    }

    private String start(Account owner, Game game, String version, LaunchRequest request, boolean debug) {
        LaunchResponse response;
        try {
            response = debug ? play.debugLaunch(request) : play.launch(request);
        } catch (InternalApiException e) {
            log.warn("Launching {} failed: {}", game.slug(), e.getMessage());
            throw new PlayUnavailable(e.status() == 0
                    ? "The play service is not reachable right now, so no session was started. Please try again in a moment."
                    : "The play service refused to start the session: " + e.getMessage());
        }
        sessions.recordLaunch(response.sessionId(), game.slug(), version, game.title(), owner.id(), owner.displayName(),
                debug, response.inviteUrl(), Instant.now());
        return playPublicUrl + response.ownerUrl();
    }

    /** Lets a permitted account watch a session; returns where to send the browser. */
    public String observe(Account watcher, String sessionId) {
        Actor actor = watcher.actor();
        LiveSession live = sessions.findLive(sessionId)
                .orElseThrow(() -> new NotFoundException("There is no live session " + sessionId + "."));
        Target.Session target = sessionTarget(live);
        permissions.require(actor, Action.OBSERVE_SESSION, target);
        // Who may take over is a permission; whether this game allows it at all is the game's setting.
        boolean takeOver = permissions.allows(actor, Action.TAKE_OVER_ROLE, target)
                && gameSettings.of(live.gameSlug()).adminsMayTakeOver();
        try {
            return playPublicUrl + play.observerToken(sessionId, new ObserverTokenRequest(userRef(watcher), takeOver)).url();
        } catch (InternalApiException e) {
            throw new PlayUnavailable(e.status() == 0
                    ? "The play service is not reachable right now. Please try again in a moment."
                    : "The play service refused: " + e.getMessage());
        }
    }

    public Target.Session sessionTarget(LiveSession live) {
        Target.Game game = games.find(live.gameSlug()).map(Game::target)
                .orElse(new Target.Game(live.gameSlug(), GameStatus.DEPRECATED, null));
        return new Target.Session(live.ownerId(), game);
    }

    /**
     * The live sessions panel: play's own list when it answers (stored, so the panel also works
     * while play is briefly away), else what play last pushed.
     */
    public LivePanel livePanel(Actor actor) {
        permissions.require(actor, Action.VIEW_LIVE_SESSIONS, Target.NONE);
        boolean playReachable = true;
        try {
            var active = play.activeSessions();
            if (active != null && active.sessions() != null) {
                active.sessions().forEach(sessions::upsertStatus);
            }
        } catch (InternalApiException e) {
            playReachable = false;
        }
        List<LiveSession> list = sessions.recentLive(Instant.now().minus(Duration.ofHours(1)));
        return new LivePanel(list, playReachable, Instant.now());
    }

    public record LivePanel(List<LiveSession> sessions, boolean playReachable, Instant at) {
        public long liveCount() {
            return sessions.stream().filter(LiveSession::live).count();
        }
    }

    public void statusPushed(SessionStatus status) {
        sessions.upsertStatus(status);
    }

    private static UserRef userRef(Account a) {
        return new UserRef(a.id(), a.username(), a.displayName(), a.type().name());
    }
}
