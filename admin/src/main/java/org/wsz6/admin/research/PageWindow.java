package org.wsz6.admin.research;

/**
 * Which slice of a long list is shown: page {@code number} (1-based) of {@code size} rows out of
 * {@code total}. A page past the end shows the last one, so a stale link still lands somewhere useful.
 */
public record PageWindow(int number, int size, long total) {

    public static final int MAX_SIZE = 1000;

    public PageWindow {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("A page holds 1 to " + MAX_SIZE + " sessions, not " + size + ".");
        }
        if (number < 1) {
            throw new IllegalArgumentException("Pages are numbered from 1, not " + number + ".");
        }
        number = (int) Math.min(number, Math.max(1, pages(total, size)));
    }

    private static long pages(long total, int size) {
        return (total + size - 1) / size;
    }

    public long pages() {
        return pages(total, size);
    }

    public long offset() {
        return (long) (number - 1) * size;
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < pages();
    }

    /** 1-based position of the first row shown (0 when there is none). */
    public long firstRow() {
        return total == 0 ? 0 : offset() + 1;
    }

    public long lastRow() {
        return Math.min(total, offset() + size);
    }
}
