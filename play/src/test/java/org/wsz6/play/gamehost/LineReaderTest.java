package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's output split into lines however the pipe delivers it. */
class LineReaderTest {

    /** A stream that hands out at most {@code chunk} bytes per read, like a pipe under load. */
    static InputStream trickle(String text, int chunk) {
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, chunk));
            }
        };
    }

    static List<String> lines(LineReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            out.add(new String(line.bytes(), line.offset(), line.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void linesSplitAcrossReadsComeOutWhole() throws IOException {
        String big = "x".repeat(200_000); // longer than the reader's 64 KiB buffer
        String text = "{\"a\":1}\n\n{\"é\":\"ü\"}\n" + big + "\nlast\nunterminated";
        for (int chunk : new int[] {1, 3, 4096, 1 << 20}) {
            assertThat(lines(new LineReader(trickle(text, chunk), 1 << 20)))
                    .as("chunk %d", chunk)
                    .containsExactly("{\"a\":1}", "", "{\"é\":\"ü\"}", big, "last");
        }
    }

    @Test
    void stringFramesBetweenLinesComeOutWholeWithTheirNewlines() throws IOException {
        String frame = "<svg>\n" + "é♥".repeat(40_000) + "\n</svg>"; // longer than the buffer, multi-byte
        int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
        String text = "=" + bytes + "\n" + frame + "{\"id\":1}\n=2\n\n\n{\"id\":2}\n";
        for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
            LineReader reader = new LineReader(trickle(text, chunk), 1 << 20);
            assertThat(text(reader.next())).as("chunk %d", chunk).isEqualTo("=" + bytes);
            assertThat(reader.nextString(bytes)).isEqualTo(frame);
            assertThat(text(reader.next())).isEqualTo("{\"id\":1}");
            assertThat(text(reader.next())).isEqualTo("=2");
            assertThat(reader.nextString(2)).isEqualTo("\n\n");
            assertThat(text(reader.next())).isEqualTo("{\"id\":2}");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aStreamEndingInsideAFrameIsAnEndOfStream() throws IOException {
        LineReader reader = new LineReader(trickle("=10\nabc", 2), 4096);
        reader.next();
        assertThatThrownBy(() -> reader.nextString(10)).isInstanceOf(java.io.EOFException.class);
    }

    static String text(LineReader.Line line) {
        return new String(line.bytes(), line.offset(), line.length(), StandardCharsets.UTF_8);
    }

    @Test
    void aLineOverTheLimitIsRefused() {
        LineReader reader = new LineReader(trickle("y".repeat(5000) + "\n", 700), 4096);
        assertThatThrownBy(reader::next).isInstanceOf(LineReader.LineTooLong.class);
    }
}
