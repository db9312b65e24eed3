package org.wsz6.admin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wsz6.admin.support.AdminIntegrationTest;

/** The embedded default: no SMTP server configured, so mail lands as files under the data folder. */
@AdminIntegrationTest
class MailOutboxTest {

    @Autowired MailOutbox outbox;
    @Autowired MailDispatcher dispatcher;
    @Autowired @Qualifier("uardJdbc") JdbcClient jdbc;
    @Value("${wsz6.data-dir}") String dataDir;

    @Test
    void queuedMailIsWrittenToAFileAndMarkedSent() throws Exception {
        outbox.enqueue("ida@example.org", "Hello Ida", "The body.");
        dispatcher.sendDue();
        Path folder = Path.of(dataDir, "mail");
        try (Stream<Path> files = Files.list(folder)) {
            String text = Files.readString(files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow());
            assertThat(text).contains("To: ida@example.org").contains("Subject: Hello Ida").contains("The body.");
        }
        assertThat(outbox.pendingCount()).isZero();
    }
}
