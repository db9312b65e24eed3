package org.wsz6.admin.mail;

/** Hands one mail to the outside world; throws when it could not (the outbox retries later). */
public interface MailDelivery {

    void deliver(MailOutbox.OutgoingMail mail) throws Exception;

    /** Where mail goes, for the log line at start. */
    String describe();
}
