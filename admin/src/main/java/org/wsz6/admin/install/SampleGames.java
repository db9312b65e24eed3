package org.wsz6.admin.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.permissions.GameStatus;

/**
 * On start, installs each sample game shipped under {@code <root>/games/*} that the catalogue does
 * not have yet, as published, so that {@code ./wsz6 run} shows a playable catalogue at once. It runs
 * on a background thread, so the portal answers while the game host reads the games. Tests that do
 * not need the sample games turn this off with {@code wsz6.install.sample-games=false}.
 */
@Component
public class SampleGames {

    private static final Logger log = LoggerFactory.getLogger(SampleGames.class);

    private final GameInstaller installer;
    private final GameRepository games;
    private final VisPreviews previews;
    private final Path samples;
    private final boolean enabled;

    public SampleGames(GameInstaller installer, GameRepository games, VisPreviews previews,
                       @Value("${wsz6.install.sample-games-dir:${wsz6.root:.}/games}") String samples,
                       @Value("${wsz6.install.sample-games:true}") boolean enabled) {
        this.installer = installer;
        this.games = games;
        this.previews = previews;
        this.samples = Path.of(samples);
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void installMissing() {
        startInstalling();
    }

    /** Starts installing in the background; returns that thread, or null when sample games are turned off. */
    Thread startInstalling() {
        if (!enabled) {
            log.info("Sample games are not installed (wsz6.install.sample-games=false)");
            return null;
        }
        return Thread.ofVirtual().name("sample-games").start(() -> {
            installMissingNow();
            previews.renderMissing(); // games installed before previews existed get one now
        });
    }

    /** Returns the slugs installed by this call. */
    public List<String> installMissingNow() {
        if (!Files.isDirectory(samples)) {
            log.info("No sample games folder at {}", samples.toAbsolutePath());
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(samples)) {
            folders = list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            log.warn("Cannot list sample games in {}: {}", samples, e.toString());
            return List.of();
        }
        var installed = new java.util.ArrayList<String>();
        for (Path folder : folders) {
            String slug = GameInstaller.slugOf(folder.getFileName().toString());
            if (games.exists(slug)) {
                continue;
            }
            try {
                installer.installFolder(new InstallRequest(slug, null, null, null, GameStatus.PUBLISHED), folder);
                installed.add(slug);
            } catch (RuntimeException e) {
                log.warn("Sample game {} was not installed: {}", folder.getFileName(), e.getMessage());
            }
        }
        if (!installed.isEmpty()) {
            log.info("Installed sample games: {}", installed);
        }
        return installed;
    }
}
