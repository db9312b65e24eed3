package org.wsz6.admin.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Unpacks an uploaded zip into an empty folder, refusing anything that could escape the folder,
 * overwrite a file, or exhaust the disk: absolute paths, {@code ..} segments, symlinks and special
 * files, duplicate names, too many entries, too many bytes, and a suspicious compression ratio.
 * Sizes are counted while inflating; the sizes the zip's headers claim are never trusted.
 * The caller deletes the folder when this throws.
 */
public class SafeZipExtractor {

    /** Unix file-type bits of an entry's external attributes. */
    private static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IFDIR = 0040000;

    private final ZipLimits limits;

    public SafeZipExtractor(ZipLimits limits) {
        this.limits = limits;
    }

    /** Extracts {@code zip} into {@code target} (which must exist and be empty); returns the files written. */
    public List<Path> extract(Path zip, Path target) throws IOException {
        long zipSize = Files.size(zip);
        if (zipSize > limits.maxZipBytes()) {
            throw new InstallRefused("The zip is too large: " + mib(zipSize) + " (at most " + mib(limits.maxZipBytes()) + ").");
        }
        ZipFile zipFile;
        try {
            zipFile = ZipFile.builder().setPath(zip).get();
        } catch (IOException e) {
            throw new InstallRefused("This is not a readable zip file (" + e.getMessage() + ").");
        }
        try (zipFile) {
            List<ZipArchiveEntry> entries = Collections.list(zipFile.getEntriesInPhysicalOrder());
            if (entries.isEmpty()) {
                throw new InstallRefused("The zip is empty.");
            }
            if (entries.size() > limits.maxEntries()) {
                throw new InstallRefused("The zip has too many files: " + entries.size() + " (at most " + limits.maxEntries() + ").");
            }
            checkNames(entries);
            List<Path> written = new ArrayList<>();
            long total = 0;
            Path root = target.toRealPath();
            for (ZipArchiveEntry entry : entries) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) { // belt and braces after checkNames
                    throw new InstallRefused("The zip entry '" + entry.getName() + "' points outside the game folder.");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                total += copy(zipFile, entry, out, total);
                written.add(out);
            }
            return written;
        }
    }

    private void checkNames(List<ZipArchiveEntry> entries) {
        Set<String> seen = new HashSet<>();
        Set<String> seenIgnoringCase = new HashSet<>();
        for (ZipArchiveEntry entry : entries) {
            String name = entry.getName();
            if (name.isEmpty() || name.indexOf('\0') >= 0 || name.chars().anyMatch(c -> c < 0x20)) {
                throw new InstallRefused("The zip has an entry with an empty or unprintable name.");
            }
            if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
                throw new InstallRefused("The zip entry '" + name + "' has an absolute path; paths must be relative to the game folder.");
            }
            if (name.contains("\\")) {
                throw new InstallRefused("The zip entry '" + name + "' uses backslashes; please zip with '/' separators.");
            }
            String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            for (String segment : trimmed.split("/", -1)) {
                if (segment.equals("..")) {
                    throw new InstallRefused("The zip entry '" + name + "' contains '..'; it would escape the game folder.");
                }
                if (segment.isEmpty() || segment.equals(".")) {
                    throw new InstallRefused("The zip entry '" + name + "' has an empty or '.' path segment.");
                }
            }
            if (entry.isUnixSymlink()) {
                throw new InstallRefused("The zip entry '" + name + "' is a symbolic link; game folders may hold only plain files and folders.");
            }
            int type = entry.getUnixMode() & S_IFMT;
            if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && type != 0 && type != S_IFREG && type != S_IFDIR) {
                throw new InstallRefused("The zip entry '" + name + "' is a special file (device, pipe or socket); "
                        + "game folders may hold only plain files and folders.");
            }
            if (!seen.add(trimmed)) {
                throw new InstallRefused("The zip contains '" + trimmed + "' twice; each name may appear only once.");
            }
            if (!seenIgnoringCase.add(trimmed.toLowerCase(Locale.ROOT))) {
                throw new InstallRefused("The zip contains two names that differ only in upper/lower case ('" + trimmed
                        + "'); they would collide on many systems.");
            }
        }
    }

    /** Copies one entry, counting the bytes actually inflated; returns how many were written. */
    private long copy(ZipFile zip, ZipArchiveEntry entry, Path out, long totalSoFar) throws IOException {
        if (!zip.canReadEntryData(entry)) {
            throw new InstallRefused("The zip entry '" + entry.getName() + "' is encrypted or uses an unsupported compression method.");
        }
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (InputStream in = zip.getInputStream(entry);
             OutputStream os = Files.newOutputStream(out, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                written += n;
                if (written > limits.maxEntryBytes()) {
                    throw new InstallRefused("The file '" + entry.getName() + "' unpacks to more than "
                            + mib(limits.maxEntryBytes()) + ".");
                }
                if (totalSoFar + written > limits.maxTotalBytes()) {
                    throw new InstallRefused("The zip unpacks to more than " + mib(limits.maxTotalBytes()) + " in all.");
                }
                if (written > limits.ratioFloorBytes() && in instanceof InputStreamStatistics stats) {
                    long compressed = Math.max(1, stats.getCompressedCount());
                    if (written / compressed > limits.maxRatio()) {
                        throw new InstallRefused("The file '" + entry.getName() + "' has a suspicious compression ratio (over "
                                + limits.maxRatio() + ":1); this looks like a zip bomb.");
                    }
                }
                os.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
