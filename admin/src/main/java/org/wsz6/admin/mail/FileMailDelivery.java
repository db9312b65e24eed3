package org.wsz6.admin.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: no SMTP server, so every mail is written to a file under
 * {@code <data-dir>/mail/} and logged, where a person running the portal locally can read it.
 */
class FileMailDelivery implements MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(FileMailDelivery.class);

    private final Path folder;
    private final String from;

    FileMailDelivery(Path folder, String from) {
        this.folder = folder;
        this.from = from;
    }

    @Override
    public void deliver(MailOutbox.OutgoingMail mail) throws IOException {
        Files.createDirectories(folder);
        String name = Instant.now().toString().replace(':', '-') + "-" + mail.id() + ".eml";
        String text = "From: " + from + "\nTo: " + mail.to() + "\nSubject: " + mail.subject() + "\n\n" + mail.body() + "\n";
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        log.info("Mail to {} ({}) written to {}", mail.to(), mail.subject(), file.toAbsolutePath());
    }

    @Override
    public String describe() {
        return "files in " + folder.toAbsolutePath();
    }
}
