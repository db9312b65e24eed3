package org.wsz6.admin.install;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.wsz6.admin.catalogue.Game;
import org.wsz6.admin.catalogue.GamePreviewRepository;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.catalogue.RolePreview;

/**
 * "Screenshots of its vis" for the detail page: the initial state of a version as each role sees
 * it, rendered once by the game host and kept in UARD. A preview is a nicety: a game whose first
 * state cannot be rendered still installs, and its page says there is no preview.
 */
@Service
public class VisPreviews {

    private static final Logger log = LoggerFactory.getLogger(VisPreviews.class);

    private final GameHostCli gameHost;
    private final GamePreviewRepository previews;
    private final GameRepository games;

    public VisPreviews(GameHostCli gameHost, GamePreviewRepository previews, GameRepository games) {
        this.gameHost = gameHost;
        this.previews = previews;
        this.games = games;
    }

    /** Renders the version in {@code folder} (may be its temporary install folder); empty if it cannot. */
    public List<RolePreview> render(Path folder) {
        try {
            return gameHost.preview(folder);
        } catch (InstallRefused e) {
            log.warn("No preview for the game in {}: {}", folder, e.getMessage());
            return List.of();
        }
    }

    public List<RolePreview> of(String slug, String version) {
        return previews.find(slug, version);
    }

    /** Renders the current version of every game that has no preview yet (games installed before previews existed). */
    public void renderMissing() {
        for (Game game : games.all()) {
            if (previews.find(game.slug(), game.currentVersion()).isEmpty()) {
                games.version(game.slug(), game.currentVersion()).ifPresent(v -> {
                    List<RolePreview> rendered = render(Path.of(v.folder()));
                    if (!rendered.isEmpty()) {
                        previews.save(game.slug(), v.version(), rendered);
                    }
                });
            }
        }
    }
}
