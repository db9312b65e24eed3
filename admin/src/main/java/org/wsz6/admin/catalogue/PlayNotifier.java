package org.wsz6.admin.catalogue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wsz6.contract.InternalApiException;
import org.wsz6.contract.v1.GameInstalled;
import org.wsz6.contract.v1.GameRetired;
import org.wsz6.contract.v1.PlayApi;

/**
 * Tells play about installed versions, status changes and retired versions. Play may be down (or
 * not started yet): a game stays marked "not notified" and is sent again every half minute until
 * play has it. On start every game is sent again, so a play restarted elsewhere catches up. Each
 * announcement carries the game's own settings (environment, network), so a change is re-announced.
 */
@Component
public class PlayNotifier {

    private static final Logger log = LoggerFactory.getLogger(PlayNotifier.class);

    private final GameRepository games;
    private final GameSettingsRepository settings;
    private final PlayApi play;

    public PlayNotifier(GameRepository games, GameSettingsRepository settings, PlayApi play) {
        this.games = games;
        this.settings = settings;
        this.play = play;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void announceAllOnStart() {
        games.markAllNotNotified();
    }

    /** Sends one game now if play answers; otherwise leaves it for {@link #retryPending()}. */
    public void gameChanged(String slug) {
        try {
            send(slug);
        } catch (InternalApiException e) {
            log.info("Play did not take game {} now ({}); will retry", slug, e.getMessage());
        }
    }

    public void versionRetired(String slug, String version) {
        try {
            play.gameRetired(new GameRetired(slug, version));
        } catch (InternalApiException e) {
            log.info("Play did not take the retirement of {} {} now ({}); it learns it with the next announcement",
                    slug, version, e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${wsz6.play-notify.retry-ms:30000}", initialDelayString = "${wsz6.play-notify.first-ms:5000}")
    public void retryPending() {
        for (String slug : games.slugsNotNotified()) {
            try {
                send(slug);
            } catch (InternalApiException e) {
                log.debug("Play still unreachable for {}: {}", slug, e.getMessage());
                return; // play is down: try the rest next round
            }
        }
    }

    private void send(String slug) {
        Game game = games.find(slug).orElse(null);
        if (game == null) {
            return;
        }
        GameSettings gameSettings = settings.find(slug);
        for (GameVersion version : games.versions(slug)) {
            if (version.retired()) {
                play.gameRetired(new GameRetired(slug, version.version()));
            } else {
                play.gameInstalled(new GameInstalled(slug, version.version(), game.title(), version.folder(),
                        game.status().word(), gameSettings.env(), gameSettings.allowNetwork()));
            }
        }
        games.markNotified(slug);
    }
}
