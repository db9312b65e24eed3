package org.wsz6.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.wsz6.admin.accounts.AccountRepository;
import org.wsz6.admin.accounts.AccountService;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.support.AdminIntegrationTest;
import org.wsz6.admin.support.TestAccounts;

@AdminIntegrationTest
class SecurityTest {

    @Autowired MockMvc mvc;
    @Autowired TestAccounts testAccounts;
    @Autowired AccountRepository accounts;
    @Autowired AccountService service;

    @Test
    void firstStartCreatedTheGeneralAdmin() {
        assertThat(accounts.findByUsername("admin")).get()
                .satisfies(a -> assertThat(a.type()).isEqualTo(AccountType.GENERAL_ADMIN));
    }

    @Test
    void pagesNeedASignInAndTheLoginPageCarriesAStrictCsp() throws Exception {
        mvc.perform(get("/games")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline"))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
    }

    @Test
    void playAndInternalUrlsAreOpenToPlayAndCarryNoAdminCsp() throws Exception {
        // Not redirected to the login page: play authenticates its own URLs. Nothing serves it here, hence 404.
        var result = mvc.perform(get("/play/join/abc")).andExpect(status().isNotFound()).andReturn();
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).isNull();
        // The internal API is guarded by the shared secret, not by a login.
        mvc.perform(post("/internal/v1/admin/access-check").contentType("application/json").content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void signInWithRightPasswordAndOutAgain() throws Exception {
        testAccounts.create("ada", AccountType.PLAYER);
        mvc.perform(formLogin().user("ada").password("wrong password")).andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        var login = mvc.perform(formLogin().user("ada").password(TestAccounts.PASSWORD)).andExpect(authenticated()).andReturn();
        assertThat(accounts.findByUsername("ada").orElseThrow().lastLoginAt()).isNotNull();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void metricsAreForGeneralAdminsOnly() throws Exception {
        testAccounts.create("metrix", AccountType.GAMES_ADMIN);
        mvc.perform(get("/actuator/prometheus").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.user("metrix"))).andExpect(status().isForbidden());
        // Allowed through security; no actuator in admin's own test context, hence 404 rather than 403.
        mvc.perform(get("/actuator/prometheus").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.user("admin"))).andExpect(status().isNotFound());
    }

    @Test
    void formsWithoutCsrfTokenAreRefused() throws Exception {
        testAccounts.create("csrfuser", AccountType.PLAYER);
        mvc.perform(post("/login").param("username", "csrfuser").param("password", TestAccounts.PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void rememberMeKeepsTheBrowserSignedIn() throws Exception {
        testAccounts.create("remy", AccountType.PLAYER);
        var login = mvc.perform(post("/login").with(csrf()).param("username", "remy")
                .param("password", TestAccounts.PASSWORD).param("remember-me", "on")).andReturn();
        Cookie remember = login.getResponse().getCookie("wsz6_remember");
        assertThat(remember).isNotNull();
        assertThat(remember.isHttpOnly()).isTrue();
        // A new browser session with only the cookie is signed in.
        mvc.perform(get("/account").cookie(remember)).andExpect(status().isOk());
    }

    @Test
    void loginIsRateLimited() throws Exception {
        testAccounts.create("target", AccountType.PLAYER);
        for (int i = 0; i < 10; i++) {
            mvc.perform(formLogin().user("target").password("guess " + i)).andExpect(redirectedUrl("/login?error"));
        }
        // Even the right password is not checked now.
        mvc.perform(formLogin().user("target").password(TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/login?throttled")).andExpect(unauthenticated());
    }

    @Test
    void aDeactivatedAccountIsSignedOutAndCannotSignIn() throws Exception {
        var bo = testAccounts.create("bo", AccountType.SESSION_OWNER);
        var admin = accounts.findByUsername("admin").orElseThrow();
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("bo").password(TestAccounts.PASSWORD))
                .andExpect(authenticated()).andReturn().getRequest().getSession();
        service.setActive(admin.actor(), bo.id(), false);
        mvc.perform(get("/account").session(session)).andExpect(redirectedUrl("/login?deactivated"));
        mvc.perform(formLogin().user("bo").password(TestAccounts.PASSWORD)).andExpect(unauthenticated());
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() throws Exception {
        testAccounts.create("cy", AccountType.PLAYER);
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("cy").password(TestAccounts.PASSWORD))
                .andReturn().getRequest().getSession();
        mvc.perform(post("/account/password").session(session).with(csrf()).param("current", "nope")
                        .param("password", "a new long password").param("confirmation", "a new long password"))
                .andExpect(redirectedUrl("/account"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("error", "The current password is not right."));
        mvc.perform(post("/account/password").session(session).with(csrf()).param("current", TestAccounts.PASSWORD)
                        .param("password", "short").param("confirmation", "short"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("error", "The password must have at least 10 characters."));
        mvc.perform(post("/account/password").session(session).with(csrf()).param("current", TestAccounts.PASSWORD)
                        .param("password", "a new long password").param("confirmation", "a new long password"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("ok", "Your password is changed."));
        mvc.perform(formLogin().user("cy").password("a new long password")).andExpect(authenticated());
    }
}
