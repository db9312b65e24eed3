package org.wsz6.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shared secret of the internal API. Production sets it explicitly (WSZ6_INTERNAL_SECRET); the
 * embedded default generates one on first start and keeps it in the data folder, so admin and play
 * started as separate processes on the same data folder agree without any setup.
 */
public final class InternalSecretStore {

    private InternalSecretStore() {
    }

    public static String resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve("internal-secret");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                Path tmp = Files.createTempFile(dataDir, "internal-secret", ".tmp");
                Files.writeString(tmp, secret, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // Not a POSIX file system; the data folder's own permissions apply.
                }
                try {
                    Files.move(tmp, file); // not atomic-replace: if the other process won the race, keep its secret
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the internal API secret in " + file, e);
        }
    }
}
