package org.wsz6.play.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.wsz6.play.gdm.GdmTestDatabase;

/**
 * Benchmark, not part of the suite (it takes minutes): writes a play-through of 1,000,000 moves
 * directly into an embedded GDM (or PostgreSQL with {@code -Dwsz6.bench.db=postgres}), then exports
 * it as JSONL and as CSV into a counting sink, printing time and peak heap. Run with
 * <pre>mvn -pl play test -Dtest=MillionEventExportBenchmark -Dwsz6.bench.export=true -DargLine=-Xmx256m</pre>
 * A heap limit far below the log's size proves the export streams.
 */
@EnabledIfSystemProperty(named = "wsz6.bench.export", matches = "true")
class MillionEventExportBenchmark {

    static final int EVENTS = Integer.getInteger("wsz6.bench.events", 1_000_000);

    @Test
    void exportsAMillionEventLogInConstantMemory() throws Exception {
        String kind = System.getProperty("wsz6.bench.db", "h2");
        try (GdmTestDatabase db = GdmTestDatabase.of(kind)) {
            ResearchLogFixture f = new ResearchLogFixture(db);
            long t0 = System.nanoTime();
            String pt = f.bulkSessionWithMoves(EVENTS);
            long written = System.nanoTime();
            System.out.printf("[bench] %s: wrote %,d events in %.1f s%n", kind, EVENTS + 1, (written - t0) / 1e9);

            resetPeaks();
            CountingSink jsonl = new CountingSink();
            long a = System.nanoTime();
            f.export.writeJsonl(pt, jsonl);
            long b = System.nanoTime();
            System.out.printf("[bench] %s: JSONL %,d lines, %,d bytes in %.1f s; peak heap %,d MB (max heap %,d MB)%n",
                    kind, jsonl.lines, jsonl.bytes, (b - a) / 1e9, peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);

            resetPeaks();
            CountingSink csv = new CountingSink();
            long c = System.nanoTime();
            f.export.writeCsv(pt, true, csv);
            long d = System.nanoTime();
            System.out.printf("[bench] %s: CSV %,d rows, %,d bytes in %.1f s; peak heap %,d MB%n",
                    kind, csv.lines, csv.bytes, (d - c) / 1e9, peakHeapMb());
            assertThat(jsonl.lines).isEqualTo(EVENTS + 1);
            assertThat(csv.lines).isEqualTo(EVENTS + 2);
        }
    }

    static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    /** Counts bytes and lines and throws them away, so the benchmark measures the export, not a disk. */
    static final class CountingSink extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
