package org.wsz6.play.gamehost;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Where the tests find the real Python worker, the fixture games and a Python to run them. */
final class RealWorker {

    private RealWorker() {
    }

    /** The repository root: surefire passes {@code wsz6.root}; an IDE run from play/ falls back to "..". */
    static Path root() {
        String root = System.getProperty("wsz6.root");
        Path p = root != null ? Path.of(root) : Path.of("..");
        return p.toAbsolutePath().normalize();
    }

    static String python() {
        return System.getProperty("wsz6.python", "python3");
    }

    static GameHostSettings settings(Path dataDir, Duration callTimeout) {
        return GameHostSettings.defaults(root(), dataDir).withPython(python()).withCallTimeout(callTimeout);
    }

    /** A fixture game under play/src/test/resources/gamehost/. */
    static Path fixture(String name) {
        try {
            return Path.of(RealWorker.class.getResource("/gamehost/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hostile game written by the game-host side, under gamehost/tests/hostile/. */
    static Path hostile(String name) {
        Path p = root().resolve("gamehost/tests/hostile").resolve(name);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("hostile game missing: " + p);
        }
        return p;
    }
}
