package org.wsz6.play.gamehost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without decoding them (Jackson parses
 * the UTF-8 bytes directly), refusing lines over a size limit; between lines it also reads
 * length-prefixed string frames. Not thread-safe; one per worker.
 */
final class LineReader {

    /** A line is {@code bytes[offset..offset+length)}; valid only until the next call to {@link #next()}. */
    record Line(byte[] bytes, int offset, int length) { }

    static final class LineTooLong extends IOException {
        LineTooLong() {
            super("line too long");
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLine;
    private final AnswerSpin spin;
    private final byte[] buf = new byte[CHUNK];
    private int start;
    private int end;
    /** Collects a line that spans several reads. */
    private byte[] spill = new byte[CHUNK];

    LineReader(InputStream in, int maxLine) {
        this(in, maxLine, AnswerSpin.NONE);
    }

    /** {@code spin} decides how the reader waits when nothing is buffered (briefly polling, or sleeping in read). */
    LineReader(InputStream in, int maxLine, AnswerSpin spin) {
        this.in = in;
        this.maxLine = maxLine;
        this.spin = spin;
    }

    /** The next line without its terminator, or null at end of stream (an unterminated last fragment is dropped). */
    Line next() throws IOException {
        int spilled = 0;
        if (spill.length > 4 * CHUNK) {
            spill = new byte[CHUNK]; // give back the memory of an earlier huge line
        }
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    int n = i - start;
                    int from = start;
                    start = i + 1;
                    if (spilled == 0) {
                        return new Line(buf, from, n); // common case: the whole line came in one read
                    }
                    append(from, n, spilled);
                    return new Line(spill, 0, spilled + n);
                }
            }
            if (end > start) {
                append(start, end - start, spilled);
                spilled += end - start;
            }
            start = 0;
            spin.awaitData(in);
            end = in.read(buf, 0, buf.length);
            if (end <= 0) {
                end = 0;
                return null;
            }
        }
    }

    /**
     * The next {@code n} bytes exactly, decoded as UTF-8 (a string frame of protocol 2, which may
     * hold newlines). End of stream before that is an {@link java.io.EOFException}.
     */
    String nextString(int n) throws IOException {
        Line block = nextBlock(n);
        return new String(block.bytes(), block.offset(), block.length(), StandardCharsets.UTF_8);
    }

    /**
     * The next {@code n} bytes exactly, as they are (a binary record of protocol 3); valid only until
     * the next call. End of stream before that is an {@link java.io.EOFException}.
     */
    Line nextBlock(int n) throws IOException {
        if (end - start >= n) { // common case: the block is already buffered
            Line block = new Line(buf, start, n);
            start += n;
            return block;
        }
        byte[] out = new byte[n];
        int have = end - start;
        System.arraycopy(buf, start, out, 0, have);
        start = end = 0;
        while (have < n) {
            int got = in.read(out, have, n - have);
            if (got <= 0) {
                throw new java.io.EOFException("end of output inside a string frame or record");
            }
            have += got;
        }
        return new Line(out, 0, n);
    }

    private void append(int from, int n, int spilled) throws LineTooLong {
        int size = spilled + n;
        if (size > maxLine) {
            throw new LineTooLong();
        }
        if (size > spill.length) {
            spill = Arrays.copyOf(spill, Math.min(maxLine, Math.max(size, spill.length * 2)));
        }
        System.arraycopy(buf, from, spill, spilled, n);
    }
}
