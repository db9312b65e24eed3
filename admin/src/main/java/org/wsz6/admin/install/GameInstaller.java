package org.wsz6.admin.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wsz6.admin.catalogue.Game;
import org.wsz6.admin.catalogue.GameDescription;
import org.wsz6.admin.catalogue.GamePreviewRepository;
import org.wsz6.admin.catalogue.RolePreview;
import org.wsz6.admin.catalogue.GameRepository;
import org.wsz6.admin.catalogue.PlayNotifier;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;

/**
 * Installs a game version from an uploaded zip (or, for the shipped sample games, from a folder):
 * unpack safely into a temporary folder, find the PFF, let the game host load and validate it,
 * write {@code metadata.json}, then move the folder into place in one rename:
 * {@code <data-dir>/games/<slug>/<version>/}. Any refusal deletes the temporary folder, so a failed
 * install leaves nothing behind. Versions live side by side; the newest becomes current.
 */
@Service
public class GameInstaller {

    private static final Logger log = LoggerFactory.getLogger(GameInstaller.class);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final GameRepository games;
    private final Permissions permissions;
    private final GameHostCli gameHost;
    private final VisPreviews visPreviews;
    private final GamePreviewRepository previews;
    private final PlayNotifier play;
    private final TransactionTemplate tx;
    private final Path gamesDir;
    private final ZipLimits limits;
    private final int validatePlayouts;

    public GameInstaller(GameRepository games, Permissions permissions, GameHostCli gameHost,
                         VisPreviews visPreviews, GamePreviewRepository previews, PlayNotifier play,
                         @Qualifier("uardTransactions") TransactionTemplate tx,
                         @Value("${wsz6.data-dir:./data}") String dataDir,
                         @Value("${wsz6.install.max-zip-bytes:20971520}") long maxZipBytes,
                         @Value("${wsz6.install.max-unpacked-bytes:104857600}") long maxUnpackedBytes,
                         @Value("${wsz6.install.max-files:2000}") int maxFiles,
                         @Value("${wsz6.install.max-ratio:100}") int maxRatio,
                         @Value("${wsz6.install.ratio-floor-bytes:1048576}") long ratioFloorBytes,
                         @Value("${wsz6.install.validate-playouts:20}") int validatePlayouts) {
        this.games = games;
        this.permissions = permissions;
        this.gameHost = gameHost;
        this.visPreviews = visPreviews;
        this.previews = previews;
        this.play = play;
        this.tx = tx;
        this.gamesDir = Path.of(dataDir, "games").toAbsolutePath().normalize();
        this.limits = new ZipLimits(maxZipBytes, maxUnpackedBytes, Math.min(maxUnpackedBytes, 50L << 20), maxFiles,
                maxRatio, ratioFloorBytes);
        this.validatePlayouts = validatePlayouts;
    }

    /**
     * Work folders of installs that a crash interrupted are never resumed: clear them at start (only
     * those older than an hour, so a second admin node sharing the folder keeps its running install).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(-10)
    public void clearInterruptedInstalls() {
        Path tmp = gamesDir.resolve(".tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> left = Files.list(tmp)) {
                Instant hourAgo = Instant.now().minusSeconds(3600);
                left.filter(p -> {
                    try {
                        return Files.getLastModifiedTime(p).toInstant().isBefore(hourAgo);
                    } catch (IOException e) {
                        return false;
                    }
                }).forEach(GameInstaller::deleteTree);
            } catch (IOException e) {
                log.warn("Could not clear {}: {}", tmp, e.toString());
            }
        }
    }

    public ZipLimits limits() {
        return limits;
    }

    /** Installs from an uploaded zip on behalf of {@code actor}. */
    public InstallResult installZip(Actor actor, InstallRequest request, Path zip) {
        Game existing = checkAllowed(actor, request);
        Path work = newWorkFolder();
        try {
            Path unpacked = work.resolve("unpacked");
            try {
                Files.createDirectories(unpacked);
                new SafeZipExtractor(limits).extract(zip, unpacked);
            } catch (IOException e) {
                throw new InstallRefused("The zip could not be read: " + e.getMessage());
            }
            return finish(actor, request, existing, singleTopFolder(unpacked), true);
        } finally {
            deleteTree(work);
        }
    }

    /** Installs a folder shipped with the portal (the sample games) as a system action. */
    public InstallResult installFolder(InstallRequest request, Path folder) {
        Path work = newWorkFolder();
        try {
            Path copy = work.resolve("unpacked");
            copyTree(folder, copy);
            return finish(null, request, games.find(request.slug()).orElse(null), copy, false);
        } finally {
            deleteTree(work);
        }
    }

    /** Runs random playouts on an installed version ("Validate" button). */
    public GameHostCli.ValidationReport validateInstalled(Actor actor, Game game, String folder, int playouts) {
        permissions.require(actor, Action.UPDATE_GAME, game.target());
        return gameHost.validate(Path.of(folder), Math.max(1, Math.min(playouts, 500)));
    }

    private Game checkAllowed(Actor actor, InstallRequest request) {
        String slug = request.slug() == null ? "" : request.slug().trim();
        if (!SLUG.matcher(slug).matches()) {
            throw new InstallRefused("The game's short name must have 2 to 64 characters: lower-case letters, digits "
                    + "and '-', starting with a letter or digit (for example tic-tac-toe).");
        }
        Game existing = games.find(slug).orElse(null);
        if (existing == null) {
            permissions.require(actor, Action.INSTALL_GAME, Target.NONE);
        } else {
            permissions.require(actor, Action.UPDATE_GAME, existing.target());
        }
        return existing;
    }

    private InstallResult finish(Actor actor, InstallRequest request, Game existing, Path folder, boolean validate) {
        String slug = request.slug().trim();
        Path pff;
        try {
            pff = PffFinder.find(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GameDescription description = gameHost.describe(folder);
        if (description.pff() == null) {
            description = withPff(description, pff.getFileName().toString());
        }
        GameHostCli.ValidationReport report = null;
        if (validate && validatePlayouts > 0) {
            report = gameHost.validate(folder, validatePlayouts);
            if (!report.ok()) {
                throw new InstallRefused(report.summary(), report.details());
            }
        }
        String version = blank(request.version()) ? orDefault(description.problemVersion(), "1.0") : request.version().trim();
        if (!VERSION.matcher(version).matches()) {
            throw new InstallRefused("The version '" + version + "' may only hold letters, digits, '.', '_' and '-'.");
        }
        if (games.versionExists(slug, version)) {
            throw new InstallRefused("Version " + version + " of '" + slug + "' is installed already; give the new one another version.");
        }
        String title = !blank(request.title()) ? request.title().trim()
                : existing != null ? existing.title() : orDefault(description.name(), slug);
        String summary = !blank(request.summary()) ? request.summary().trim()
                : existing != null && !existing.summary().isBlank() ? existing.summary() : orDefault(description.briefDesc(), "");
        List<RolePreview> preview = visPreviews.render(folder);
        Long actorId = actor == null ? null : actor.id();
        Instant now = Instant.now();
        writeMetadata(folder, slug, version, title, summary, description, actor, now);

        Path target = gamesDir.resolve(slug).resolve(version);
        if (Files.exists(target)) {
            // The catalogue has no such version (checked above): a crash hit between the rename and the
            // database commit of an earlier attempt. That folder was never listed; replace it.
            log.warn("Removing {} left by an interrupted install", target);
            deleteTree(target);
        }
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new InstallRefused("The games folder " + gamesDir + " cannot take an atomic rename.");
            }
        } catch (IOException e) {
            throw new InstallRefused("The game could not be stored in " + target + ": " + e.getMessage());
        }
        GameDescription finalDescription = description;
        try {
            tx.executeWithoutResult(s -> {
                if (existing == null) {
                    GameStatus status = request.status() == null ? GameStatus.DEV : request.status();
                    Long owner = actor != null && actor.is(org.wsz6.admin.permissions.AccountType.GAME_OWNER) ? actorId : null;
                    games.insertGame(slug, title, summary, owner, status, version, actorId, now);
                } else {
                    games.updateCurrentVersion(slug, version, title, summary);
                }
                games.insertVersion(slug, version, target.toString(), finalDescription, actorId, now);
                previews.save(slug, version, preview);
            });
        } catch (RuntimeException e) {
            deleteTree(target); // the database refused: take the folder back out, leave nothing behind
            throw e;
        }
        log.info("Installed {} {} into {}", slug, version, target);
        play.gameChanged(slug);
        return new InstallResult(slug, version, target.toString(), existing == null, description, report);
    }

    private void writeMetadata(Path folder, String slug, String version, String title, String summary,
                               GameDescription description, Actor actor, Instant now) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("slug", slug);
        metadata.put("version", version);
        metadata.put("title", title);
        metadata.put("summary", summary);
        metadata.put("pff", description.pff());
        metadata.put("installedAt", now.toString());
        metadata.put("installedBy", actor == null ? "portal (sample game)" : actor.username());
        metadata.put("minPlayers", description.minPlayersToStart());
        metadata.put("maxPlayers", description.maxPlayers());
        metadata.put("description", description);
        try {
            Files.writeString(folder.resolve("metadata.json"), JSON.writeValueAsString(metadata));
        } catch (IOException e) {
            throw new InstallRefused("Could not write metadata.json: " + e.getMessage());
        }
    }

    /** A zip made by zipping the game folder itself holds one top folder; the game is inside it. */
    private static Path singleTopFolder(Path unpacked) {
        try (Stream<Path> children = Files.list(unpacked)) {
            List<Path> all = children.filter(p -> !p.getFileName().toString().equals("__MACOSX")).toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0))) {
                return all.get(0);
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path newWorkFolder() {
        try {
            Path tmp = gamesDir.resolve(".tmp");
            Files.createDirectories(tmp);
            return Files.createDirectory(tmp.resolve("install-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work folder under " + gamesDir, e);
        }
    }

    private static GameDescription withPff(GameDescription d, String pff) {
        return new GameDescription(d.name(), d.briefDesc(), d.problemVersion(), d.soluzionVersion(), d.authors(),
                d.creationDate(), pff, d.vis(), d.roles(), d.minPlayersToStart(), d.maxPlayers(), d.configKeys());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orDefault(String s, String fallback) {
        return blank(s) ? fallback : s;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p) || p.getFileName().toString().equals("__pycache__")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.toString().contains("__pycache__")) {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.toString());
        }
    }

    /** "TicTacToe" → "tic-tac-toe": the short name of a sample game from its folder name. */
    public static String slugOf(String folderName) {
        return folderName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("[^A-Za-z0-9]+", "-")
                .toLowerCase(Locale.ROOT).replaceAll("^-|-$", "");
    }
}
