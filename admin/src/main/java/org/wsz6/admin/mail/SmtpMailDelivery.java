package org.wsz6.admin.mail;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through Spring Mail (SMTP); used whenever {@code spring.mail.host} is configured. */
class SmtpMailDelivery implements MailDelivery {

    private final JavaMailSender sender;
    private final String from;
    private final String host;

    SmtpMailDelivery(JavaMailSender sender, String from, String host) {
        this.sender = sender;
        this.from = from;
        this.host = host;
    }

    @Override
    public void deliver(MailOutbox.OutgoingMail mail) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(mail.to());
        message.setSubject(mail.subject());
        message.setText(mail.body());
        sender.send(message);
    }

    @Override
    public String describe() {
        return "SMTP server " + host;
    }
}
