package org.wsz6.admin.sessions;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.mail.MailOutbox;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.permissions.Target;
import org.wsz6.admin.web.NotFoundException;

/**
 * "Invite by e-mail" on My sessions: the owner of a live session mails its invite link to a few
 * people. Every address is checked before anything is queued, so a typo refuses the whole batch
 * (and the owner fixes it) instead of sending half of it.
 */
@Service
public class SessionInvitations {

    public static final int MAX_ADDRESSES = 30;
    public static final int MAX_NOTE_LENGTH = 500;

    private final SessionRepository sessions;
    private final Permissions permissions;
    private final MailOutbox mail;
    private final TransactionTemplate tx;
    private final String playPublicUrl;

    public SessionInvitations(SessionRepository sessions, Permissions permissions, MailOutbox mail,
                              @Qualifier("uardTransactions") TransactionTemplate tx,
                              @Value("${wsz6.play.public-url:}") String playPublicUrl) {
        this.sessions = sessions;
        this.permissions = permissions;
        this.mail = mail;
        this.tx = tx;
        this.playPublicUrl = playPublicUrl.endsWith("/") ? playPublicUrl.substring(0, playPublicUrl.length() - 1) : playPublicUrl;
    }

    /**
     * The absolute invite link: play's public URL when configured, else the portal's own base
     * (play is then served under the same origin, as in the single-host setup).
     */
    public String inviteLink(LiveSession session, String portalBaseUrl) {
        if (session.inviteUrl() == null) {
            return null;
        }
        String base = playPublicUrl.isBlank() ? portalBaseUrl : playPublicUrl;
        return base + session.inviteUrl();
    }

    /** Queues one invitation per address; returns how many were queued. */
    public int invite(Account owner, String sessionId, String addressesText, String note, String portalBaseUrl) {
        LiveSession session = sessions.findLive(sessionId)
                .orElseThrow(() -> new NotFoundException("There is no live session " + sessionId + "."));
        permissions.require(owner.actor(), Action.INVITE_TO_SESSION, new Target.Session(session.ownerId(), null));
        if (!session.live()) {
            throw new InvitationRefused("This session has ended, so nobody can join it any more.");
        }
        String link = inviteLink(session, portalBaseUrl);
        if (link == null) {
            throw new InvitationRefused("This session has no invite link, so it cannot be shared by e-mail.");
        }
        List<String> addresses = parseAddresses(addressesText);
        String personal = note == null ? "" : note.strip().replaceAll("\\s+", " ");
        if (personal.length() > MAX_NOTE_LENGTH) {
            throw new InvitationRefused("The personal line is too long (at most " + MAX_NOTE_LENGTH + " characters).");
        }
        String game = session.gameTitle() == null ? session.gameSlug() : session.gameTitle();
        String subject = owner.displayName() + " invites you to play " + game;
        String body = "Hello,\n\n"
                + owner.displayName() + " invites you to play " + game + " on the WSZ6 portal.\n"
                + (personal.isEmpty() ? "" : "\n" + owner.displayName() + " writes: \"" + personal + "\"\n")
                + "\nJoin the session here:\n\n" + link + "\n\n"
                + "The link works while the session is running.\n";
        tx.executeWithoutResult(status -> addresses.forEach(to -> mail.enqueue(to, subject, body)));
        return addresses.size();
    }

    /** Comma, semicolon or white space separated; duplicates (ignoring case) count once. */
    static List<String> parseAddresses(String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> addresses = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!valid(part)) {
                bad.add(part);
            } else if (seen.add(part.toLowerCase(Locale.ROOT))) {
                addresses.add(part);
            }
        }
        if (!bad.isEmpty()) {
            throw new InvitationRefused((bad.size() == 1 ? "This is not an e-mail address: " : "These are not e-mail addresses: ")
                    + String.join(", ", bad) + ". Nothing was sent.");
        }
        if (addresses.isEmpty()) {
            throw new InvitationRefused("Please give at least one e-mail address.");
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw new InvitationRefused("At most " + MAX_ADDRESSES + " addresses at once (you gave " + addresses.size()
                    + "). Nothing was sent.");
        }
        return addresses;
    }

    /** A plain address (no display name) with a dotted domain, as jakarta.mail parses it strictly. */
    private static boolean valid(String address) {
        if (address.length() > 254 || !address.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\".]+")) {
            return false;
        }
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
