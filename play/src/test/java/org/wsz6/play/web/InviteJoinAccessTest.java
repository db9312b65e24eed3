package org.wsz6.play.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServer;
import org.wsz6.play.testsupport.PlayTestApplication;

/**
 * A signed-in person joining by invite link is let in only when WSZ6-admin says their account may
 * reach the game (access level, game status); guests hold only the link, which is enough for them.
 * Admin is a stand-in HTTP server here that refuses user "pat" and allows everyone else.
 */
@SpringBootTest(classes = {PlayTestApplication.class, InviteJoinAccessTest.SignedInUsers.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wsz6.components=play", "wsz6.data-dir=target/test-data/invite-access-${random.uuid}",
                "wsz6.internal.secret=" + PlayServer.SECRET})
class InviteJoinAccessTest {

    static final HttpServer ADMIN = standInAdmin();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void adminUrl(DynamicPropertyRegistry registry) {
        registry.add("wsz6.internal.admin-url", () -> "http://127.0.0.1:" + ADMIN.getAddress().getPort());
    }

    @AfterAll
    static void stopAdmin() {
        ADMIN.stop(0);
    }

    @Test
    void aSignedInUserWhoseAccountCannotReachTheGameIsRefusedWithAdminsReason() throws Exception {
        LaunchResponse session = new PlayServer(port).launch("TicTacToe");
        HttpResponse<String> form = send(session.inviteUrl(), "pat", null);
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.body()).contains("beta");

        HttpResponse<String> join = send(session.inviteUrl(), "pat", "Pat");
        assertThat(join.statusCode()).isEqualTo(403);
        assertThat(join.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("wsz6_p_"));
    }

    @Test
    void aSignedInUserWithAccessAndAGuestBothGetIn() throws Exception {
        LaunchResponse session = new PlayServer(port).launch("TicTacToe");
        assertThat(send(session.inviteUrl(), "ada", "Ada").statusCode()).isEqualTo(302);
        assertThat(send(session.inviteUrl(), null, "Gus").statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> send(String path, String user, String name) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (name != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("name=" + name));
        }
        return PlayClient.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer standInAdmin() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String answer = !exchange.getRequestURI().getPath().endsWith("/access-check") ? "{}"
                        : body.contains("\"pat\"")
                        ? "{\"allowed\":false,\"reason\":\"Your account reaches published games only; this one is in beta.\"}"
                        : "{\"allowed\":true,\"reason\":null}";
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stands in for admin's login in the all-in-one portal: the request's principal. */
    @TestConfiguration
    static class SignedInUsers {
        @Bean
        FilterRegistrationBean<Filter> testPrincipal() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String user = http.getHeader("X-Test-User");
                chain.doFilter(user == null ? request : new HttpServletRequestWrapper(http) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> user;
                    }
                }, response);
            });
            registration.addUrlPatterns("/play/*");
            return registration;
        }
    }
}
