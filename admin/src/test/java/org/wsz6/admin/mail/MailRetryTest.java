package org.wsz6.admin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.PostgresUard;

/**
 * The SMTP server is down when the mail is due: the mail stays in the outbox with the error and a
 * later attempt time, and goes out once the server is back. Runs on the real PostgreSQL.
 */
@AdminIntegrationTest
@PostgresUard
class MailRetryTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("wsz6.mail.poll-ms", () -> "3600000"); // the test drives the dispatcher itself
    }

    @Autowired MailOutbox outbox;
    @Autowired MailDispatcher dispatcher;
    @Autowired @Qualifier("uardJdbc") JdbcClient jdbc;

    @Test
    void aFailedMailIsKeptAndRetriedUntilItIsSent() throws Exception {
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).startsWith("uard_test_");
        outbox.enqueue("jo@example.org", "Hello Jo", "Body");
        dispatcher.sendDue(); // nobody listens on PORT
        var row = jdbc.sql("SELECT attempts, last_error, next_attempt_at, sent_at FROM mail_outbox").query().singleRow();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).isNotBlank();
        assertThat(((Timestamp) row.get("next_attempt_at")).toInstant()).isAfter(Instant.now());
        assertThat(row.get("sent_at")).isNull();

        GreenMail smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            dispatcher.sendDue(); // not due yet: nothing sent
            assertThat(smtp.getReceivedMessages()).isEmpty();
            jdbc.sql("UPDATE mail_outbox SET next_attempt_at = ?").param(Timestamp.from(Instant.now().minusSeconds(1))).update();
            dispatcher.sendDue();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Hello Jo");
            assertThat(outbox.pendingCount()).isZero();
        } finally {
            smtp.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
