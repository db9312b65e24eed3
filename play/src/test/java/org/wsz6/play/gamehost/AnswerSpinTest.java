package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Polling for an answer changes when the reader wakes up, never what it reads. */
class AnswerSpinTest {

    /** A pipe in memory: what the worker writes to {@code out} the reader reads from {@code in}. */
    private record Pipe(PipedInputStream in, PipedOutputStream out) {
        static Pipe open() throws IOException {
            PipedInputStream in = new PipedInputStream(1 << 16);
            return new Pipe(in, new PipedOutputStream(in));
        }

        LineReader reader(Duration spin) {
            return new LineReader(in, 4096, new AnswerSpin(spin));
        }
    }

    /** Writes {@code text} to {@code out} after {@code delayMs}, on another thread (as the worker would). */
    private static Thread writeLater(PipedOutputStream out, String text, long delayMs) {
        return Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(delayMs);
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anAnswerThatComesWhileTheReaderPollsIsReadWhole() throws Exception {
        Pipe pipe = Pipe.open();
        LineReader reader = pipe.reader(Duration.ofSeconds(5));
        Thread worker = writeLater(pipe.out(), "{\"id\":1,\"ok\":true}\n", 5);
        assertThat(LineReaderTest.text(reader.next())).isEqualTo("{\"id\":1,\"ok\":true}");
        worker.join();
    }

    @Test
    void anAnswerLaterThanThePollingLimitIsStillRead() throws Exception {
        Pipe pipe = Pipe.open();
        LineReader reader = pipe.reader(Duration.ofMillis(1));
        Thread worker = writeLater(pipe.out(), "=3\nabc{\"id\":2}\n", 150);
        assertThat(LineReaderTest.text(reader.next())).isEqualTo("=3");
        assertThat(reader.nextString(3)).isEqualTo("abc");
        assertThat(LineReaderTest.text(reader.next())).isEqualTo("{\"id\":2}");
        worker.join();
    }

    @Test
    void noCallerPollsWhileMoreCallsAreInFlightThanHalfTheCores() throws Exception {
        Pipe pipe = Pipe.open();
        java.util.List<AnswerSpin.InFlight> calls = new java.util.ArrayList<>();
        try {
            for (int i = 0; i <= Runtime.getRuntime().availableProcessors() / 2; i++) {
                calls.add(AnswerSpin.calling());
            }
            long t0 = System.nanoTime();
            new AnswerSpin(Duration.ofSeconds(10)).awaitData(pipe.in()); // would poll for 10 s if it polled
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        } finally {
            calls.forEach(AnswerSpin.InFlight::close);
        }
    }

    @Test
    void pollingStopsAtItsLimitAndConsumesNothing() throws Exception {
        Pipe pipe = Pipe.open();
        PipedInputStream in = pipe.in();
        long t0 = System.nanoTime();
        new AnswerSpin(Duration.ofMillis(30)).awaitData(in);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        AnswerSpin.NONE.awaitData(in); // off: returns at once
        pipe.out().write("x\n".getBytes(StandardCharsets.UTF_8));
        new AnswerSpin(Duration.ofSeconds(5)).awaitData(in);
        assertThat(in.available()).isEqualTo(2);
        assertThat(LineReaderTest.text(new LineReader(in, 4096).next())).isEqualTo("x");
    }
}
