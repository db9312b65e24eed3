package org.wsz6.admin.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which file of a game folder is the PFF (SZ6-CONTRACT §1, the same rule as the game host's
 * discovery.py): the one named by {@code wsz6.json} ({@code {"pff": "..."}}), else the single
 * {@code *_SZ6.py} at the top of the folder, else the only top-level {@code .py} that is neither a
 * vis module nor a copy of the base module. Anything else is refused with a message naming the candidates.
 */
final class PffFinder {

    static final String MANIFEST = "wsz6.json";
    private static final Set<String> BASE_MODULE_FILES = Set.of("soluzion6_02.py", "soluzion6.py", "soluzion.py");

    private PffFinder() {
    }

    static Path find(Path folder) throws IOException {
        Path manifest = folder.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            JsonNode pff;
            try {
                pff = new ObjectMapper().readTree(manifest.toFile()).get("pff");
            } catch (IOException e) {
                throw new InstallRefused(MANIFEST + " is not valid JSON: " + e.getMessage());
            }
            if (pff != null && pff.isTextual()) {
                Path named = folder.resolve(pff.asText()).normalize();
                if (!named.startsWith(folder) || !Files.isRegularFile(named)) {
                    throw new InstallRefused(MANIFEST + " names the PFF '" + pff.asText() + "', which is not a file in the game folder.");
                }
                return named;
            }
        }
        List<Path> python;
        try (Stream<Path> files = Files.list(folder)) {
            python = files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".py")).sorted().toList();
        }
        List<Path> pffs = python.stream().filter(f -> f.getFileName().toString().endsWith("_SZ6.py")).toList();
        if (pffs.size() == 1) {
            return pffs.get(0);
        }
        if (pffs.size() > 1) {
            throw new InstallRefused("The zip holds more than one PFF (" + names(pffs) + "); keep one <Name>_SZ6.py "
                    + "or name the main one in " + MANIFEST + " as {\"pff\": \"...\"}.");
        }
        List<Path> others = python.stream()
                .filter(f -> !f.getFileName().toString().endsWith("_WSZ6_VIS.py"))
                .filter(f -> !BASE_MODULE_FILES.contains(f.getFileName().toString()))
                .toList();
        if (others.size() == 1) {
            return others.get(0);
        }
        if (others.isEmpty()) {
            throw new InstallRefused("No PFF found: the top of the zip (or of its single folder) must hold the game's "
                    + "<Name>_SZ6.py file.");
        }
        throw new InstallRefused("Cannot tell which file is the PFF among " + names(others)
                + "; name the main file <Name>_SZ6.py or add " + MANIFEST + ".");
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
    }
}
