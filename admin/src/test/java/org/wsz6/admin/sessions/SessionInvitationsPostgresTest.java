package org.wsz6.admin.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.mail.MailOutbox;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.FakePlay;
import org.wsz6.admin.support.PostgresUard;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestGames;

/**
 * "Invite by e-mail" on My sessions, on the real PostgreSQL: a session launched through (a stand-in
 * for) play keeps its invite URL, and its owner mails it; the mail arrives at a real SMTP server.
 */
@AdminIntegrationTest
@PostgresUard
class SessionInvitationsPostgresTest {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final FakePlay play;

    static {
        smtp.start();
        try {
            play = new FakePlay("test-secret-0123456789abcdef");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("wsz6.internal.play-url", play::url);
        registry.add("wsz6.play.public-url", () -> "https://play.example.test/");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        play.close();
    }

    @Autowired MockMvc mvc;
    @Autowired TestAccounts accounts;
    @Autowired TestGames games;
    @Autowired MailOutbox outbox;

    @BeforeEach
    void clearMail() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void theOwnerSeesTheInviteLinkAndMailsItToEachAddress() throws Exception {
        String sessionId = launch("iris", "invite-game", "Invite Game");
        // The stand-in play numbers session, owner and invite tokens alike; the link is absolute on play's public URL.
        String inviteUrl = "https://play.example.test/play/join/inv-" + sessionId.substring(2);

        String page = mvc.perform(get("/account/sessions").with(user("iris"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("value=\"" + inviteUrl + "\"").contains("Copy").contains("Invite by e-mail");

        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("iris")).with(csrf())
                        .param("emails", "ana@example.org, ben@example.org  ANA@example.org").param("note", "Bring snacks!"))
                .andExpect(redirectedUrl("/account/sessions"))
                .andExpect(flash().attribute("ok", "Invitations queued for 2 addresses."));

        MimeMessage mail = awaitMailTo("ben@example.org");
        assertThat(mail.getSubject()).isEqualTo("Iris invites you to play Invite Game");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains(inviteUrl).contains("Iris writes: \"Bring snacks!\"");
        awaitMailTo("ana@example.org");
        Thread.sleep(500);
        assertThat(smtp.getReceivedMessages()).hasSize(2); // the duplicate (other case) counted once
    }

    @Test
    void aBadAddressRefusesTheWholeBatchWithAMessageAndKeepsWhatWasTyped() throws Exception {
        String sessionId = launch("jon", "invite-game2", "Second Game");
        long before = outbox.pendingCount();
        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("jon")).with(csrf())
                        .param("emails", "good@example.org not-an-address bob@nodomain").param("note", "hi"))
                .andExpect(redirectedUrl("/account/sessions"))
                .andExpect(flash().attribute("error",
                        "These are not e-mail addresses: not-an-address, bob@nodomain. Nothing was sent."))
                .andExpect(flash().attribute("inviteEmails", "good@example.org not-an-address bob@nodomain"));
        String tooMany = String.join(",", IntStream.range(0, 31).mapToObj(i -> "p" + i + "@example.org").toList());
        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("jon")).with(csrf()).param("emails", tooMany))
                .andExpect(flash().attribute("error", "At most 30 addresses at once (you gave 31). Nothing was sent."));
        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("jon")).with(csrf()).param("emails", " , "))
                .andExpect(flash().attribute("error", "Please give at least one e-mail address."));
        assertThat(outbox.pendingCount()).isEqualTo(before);
        Thread.sleep(600);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void onlyTheOwnerMaySendAndOnlyWithACsrfToken() throws Exception {
        String sessionId = launch("kim", "invite-game3", "Third Game");
        accounts.create("lee", AccountType.SESSION_OWNER);
        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("lee")).with(csrf())
                .param("emails", "victim@example.org")).andExpect(status().isForbidden());
        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("admin")).with(csrf())
                .param("emails", "victim@example.org")).andExpect(status().isForbidden());
        mvc.perform(post("/account/sessions/" + sessionId + "/invite").with(user("kim"))
                .param("emails", "victim@example.org")).andExpect(status().isForbidden());
        Thread.sleep(600);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    /** Launches a session as a new session owner through the game page; returns its id. */
    private String launch(String username, String slug, String title) throws Exception {
        Account owner = accounts.create(username, AccountType.SESSION_OWNER, AccessLevel.PUBLISHED, java.util.Set.of());
        assertThat(owner.displayName()).isNotBlank();
        games.add(slug, title, GameStatus.PUBLISHED, null);
        String redirect = mvc.perform(post("/games/" + slug + "/sessions").with(user(username)).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).contains("/play/owner/tok-");
        return "s-" + redirect.substring(redirect.lastIndexOf('-') + 1);
    }

    private MimeMessage awaitMailTo(String address) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mail to " + address + " within 5 s");
    }
}
