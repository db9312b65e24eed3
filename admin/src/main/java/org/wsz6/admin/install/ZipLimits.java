package org.wsz6.admin.install;

/**
 * Limits for an uploaded game zip. The defaults fit any real game folder (a PFF, a vis module, some
 * images) with a wide margin, and stop zip bombs and archive tricks early.
 */
public record ZipLimits(long maxZipBytes, long maxTotalBytes, long maxEntryBytes, int maxEntries, int maxRatio,
                        long ratioFloorBytes) {

    public static final ZipLimits DEFAULT = new ZipLimits(20L << 20, 100L << 20, 50L << 20, 2000, 100, 1L << 20);
}
