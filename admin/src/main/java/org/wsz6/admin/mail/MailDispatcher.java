package org.wsz6.admin.mail;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds: through SMTP when {@code spring.mail.host} is set, else into files
 * (embedded default). Runs every few seconds; a failure is retried later by the outbox's schedule.
 */
@Component
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailOutbox outbox;
    private final MailDelivery delivery;

    public MailDispatcher(MailOutbox outbox, ObjectProvider<JavaMailSender> smtp,
                          @Value("${spring.mail.host:}") String host,
                          @Value("${wsz6.mail.from:WSZ6 portal <no-reply@wsz6.local>}") String from,
                          @Value("${wsz6.data-dir:./data}") String dataDir) {
        this.outbox = outbox;
        JavaMailSender sender = smtp.getIfAvailable();
        this.delivery = host.isBlank() || sender == null
                ? new FileMailDelivery(Path.of(dataDir, "mail"), from)
                : new SmtpMailDelivery(sender, from, host);
        log.info("Outgoing mail goes to {}", delivery.describe());
    }

    @Scheduled(fixedDelayString = "${wsz6.mail.poll-ms:2000}", initialDelayString = "${wsz6.mail.poll-ms:2000}")
    public void sendDue() {
        for (MailOutbox.OutgoingMail mail : outbox.due(20)) {
            try {
                delivery.deliver(mail);
                outbox.markSent(mail.id());
            } catch (Exception e) {
                log.warn("Mail {} to {} failed (attempt {}): {}", mail.id(), mail.to(), mail.attempts() + 1, e.toString());
                outbox.markFailed(mail, e.toString());
            }
        }
    }
}
