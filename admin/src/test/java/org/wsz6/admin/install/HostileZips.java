package org.wsz6.admin.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds game zips, friendly and hostile, in memory, the way a test needs them. */
final class HostileZips {

    static final String CRASHING_GAME = """
            import soluzion6_02 as sz


            def crash(state):
                raise ZeroDivisionError("the game divides by zero")


            BROKEN = sz.SZ_Formulation()
            BROKEN.metadata.name = "Crash"
            BROKEN.operators = sz.SZ_Operator_Set([sz.SZ_Operator("Crash", "Always fails", None, crash)])
            """;

    private HostileZips() {
    }

    /** One zip entry: a name, bytes, and a unix mode (0 = leave the default). */
    record Entry(String name, byte[] data, int unixMode) {
        static Entry file(String name, String text) {
            return new Entry(name, text.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    static byte[] zip(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
                if (e.unixMode() != 0) {
                    entry.setUnixMode(e.unixMode());
                }
                zip.putArchiveEntry(entry);
                zip.write(e.data());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The files of a game folder, under {@code prefix} (e.g. "TicTacToe/"). */
    static Entry[] folder(Path folder, String prefix) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("__pycache__")).sorted().toList()) {
                files.put(prefix + folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue(), 0)).toArray(Entry[]::new);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text made of random words from a small list: compresses about 4:1, like real text. */
    static byte[] wordySoup(int n, long seed) {
        String[] words = {"fox ", "hound ", "board ", "move ", "role ", "state ", "goal ", "turn ", "piece ", "cell ",
                "win ", "draw ", "play ", "grid ", "mark ", "path "};
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 8);
        while (sb.length() < n) {
            sb.append(words[random.nextInt(words.length)]);
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }
}
