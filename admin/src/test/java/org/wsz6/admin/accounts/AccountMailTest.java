package org.wsz6.admin.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.permissions.PermissionDeniedException;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.TestAccounts;

/** Password reset and invitations, read from a real in-process SMTP server (GreenMail). */
@AdminIntegrationTest
class AccountMailTest {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Autowired MockMvc mvc;
    @Autowired TestAccounts testAccounts;
    @Autowired AccountService service;
    @Autowired AccountRepository accounts;
    @Autowired @Qualifier("uardJdbc") JdbcClient jdbc;

    @BeforeEach
    void clearMail() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void passwordResetByMailWorksOnceAndExpires() throws Exception {
        testAccounts.create("dora", AccountType.PLAYER);
        mvc.perform(post("/account/reset").with(csrf()).param("email", "DORA@example.org"))
                .andExpect(redirectedUrl("/account/reset"));
        MimeMessage mail = awaitMailTo("dora@example.org");
        assertThat(mail.getSubject()).isEqualTo("Reset your WSZ6 password");
        String link = linkIn(GreenMailUtil.getBody(mail), "/account/reset/");

        mvc.perform(get(link)).andExpect(content().string(org.hamcrest.Matchers.containsString("Choose a new password")));
        mvc.perform(post(link).with(csrf()).param("password", "brand new secret").param("confirmation", "brand new secret"))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin().user("dora").password("brand new secret")).andExpect(authenticated());
        mvc.perform(formLogin().user("dora").password(TestAccounts.PASSWORD)).andExpect(unauthenticated());

        // Single use: the same link is refused the second time and changes nothing.
        mvc.perform(post(link).with(csrf()).param("password", "attacker password").param("confirmation", "attacker password"))
                .andExpect(redirectedUrl(link));
        mvc.perform(get(link)).andExpect(content().string(org.hamcrest.Matchers.containsString("already been used")));
        mvc.perform(formLogin().user("dora").password("brand new secret")).andExpect(authenticated());
    }

    @Test
    void anExpiredResetLinkIsRefused() throws Exception {
        testAccounts.create("eve", AccountType.PLAYER);
        service.requestPasswordReset("eve@example.org", "http://portal.test");
        String link = linkIn(GreenMailUtil.getBody(awaitMailTo("eve@example.org")), "/account/reset/");
        jdbc.sql("UPDATE account_tokens SET expires_at = ?").param(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1))).update();
        mvc.perform(get(link)).andExpect(content().string(org.hamcrest.Matchers.containsString("This link has expired")));
        assertThatThrownBy(() -> service.resetPassword(link.substring(link.lastIndexOf('/') + 1), "whatever long", "whatever long"))
                .isInstanceOf(AccountException.class).hasMessageContaining("expired");
    }

    @Test
    void unknownAddressesGetTheSameAnswerAndNoMail() throws Exception {
        mvc.perform(post("/account/reset").with(csrf()).param("email", "nobody@example.org"))
                .andExpect(redirectedUrl("/account/reset"));
        Thread.sleep(800);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anAdminCreatedAccountGetsAnInvitationToChooseAPassword() throws Exception {
        Account admin = accounts.findByUsername("admin").orElseThrow();
        Account created = service.create(admin.actor(), new NewAccount("Fay", "Fay Weldon", "fay@example.org",
                AccountType.SESSION_OWNER, AccessLevel.BETA, Set.of()), "http://portal.test");
        assertThat(created.hasPassword()).isFalse();
        MimeMessage mail = awaitMailTo("fay@example.org");
        assertThat(mail.getSubject()).isEqualTo("Your WSZ6 portal account");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("username: fay");
        String link = linkIn(body, "/account/invite/");
        mvc.perform(post(link).with(csrf()).param("password", "fay's own secret").param("confirmation", "fay's own secret"))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin().user("fay").password("fay's own secret")).andExpect(authenticated());
    }

    @Test
    void anAccountsAdminCannotCreateAdminsAndNobodyRaisesTheirOwnType() {
        Account accountsAdmin = testAccounts.create("gil", AccountType.ACCOUNTS_ADMIN);
        assertThatThrownBy(() -> service.create(accountsAdmin.actor(), new NewAccount("hal", "Hal", "hal@example.org",
                AccountType.GAMES_ADMIN, AccessLevel.ALL, Set.of()), "http://x"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> service.changeType(accountsAdmin.actor(), accountsAdmin.id(), AccountType.GENERAL_ADMIN))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("own account type");
        assertThat(accounts.findByUsername("hal")).isEmpty();
        assertThat(accounts.findById(accountsAdmin.id()).orElseThrow().type()).isEqualTo(AccountType.ACCOUNTS_ADMIN);
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

    private static String linkIn(String body, String path) {
        Matcher m = Pattern.compile("https?://[^\\s/]+(" + Pattern.quote(path) + "[A-Za-z0-9_-]+)").matcher(body);
        assertThat(m.find()).as("a link to %s in:%n%s", path, body).isTrue();
        return m.group(1);
    }
}
