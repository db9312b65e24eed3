package org.wsz6.play.gdm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded GDM keeps every committed event through a SIGKILL: a child JVM appends events and
 * reports each commit; it is killed mid-stream; every event it reported is found afterwards and the
 * chain verifies. (H2 by default flushes commits up to 500 ms late; the portal sets WRITE_DELAY=0.)
 */
class SigkillDurabilityTest {

    @Test
    void everyCommittedEventSurvivesSigkill() throws Exception {
        Path db = Path.of("target/test-gdm/sigkill-" + UUID.randomUUID()).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DurabilityProbe.class.getName(), db.toString()).redirectErrorStream(true).start();
        long lastCommitted = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastCommitted = Long.parseLong(line.substring("committed ".length()));
                    if (lastCommitted >= 200) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL, right after a commit was reported
            child.waitFor();
        }
        assertThat(lastCommitted).as("the probe committed events before it was killed").isGreaterThanOrEqualTo(200);

        var ds = new GdmDatabaseConfig().gdmDataSource(new org.springframework.mock.env.MockEnvironment()
                .withProperty("wsz6.gdm.url", "jdbc:h2:file:" + db));
        try (ds) {
            JdbcClient jdbc = JdbcClient.create(ds);
            long stored = jdbc.sql("SELECT MAX(seq) FROM events WHERE session_id = 'probe'").query(Long.class).single();
            assertThat(stored).isGreaterThanOrEqualTo(lastCommitted);
            var log = new EventLog(jdbc, new GdmDatabaseConfig().gdmTransactions(new GdmDatabaseConfig().gdmTransactionManager(ds)));
            assertThat(log.verify("probe").intact()).isTrue();
        }
    }
}
