package org.wsz6.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.wsz6.contract.v1.InternalApiV1;

/** {@code ./wsz6 run play}: play without admin in the process still serves its pages and its internal API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "wsz6.components=play", "wsz6.data-dir=target/test-data/play-alone-${random.uuid}",
        "wsz6.internal.secret=play-alone-secret", "wsz6.internal.admin-url=http://127.0.0.1:9"})
class PlayAloneTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void internalApiAnswersWithTheSecretAndRefusesWithoutIt() {
        HttpHeaders withSecret = new HttpHeaders();
        withSecret.set(InternalApiV1.SECRET_HEADER, "play-alone-secret");
        var ok = http.exchange(InternalApiV1.PLAY_ACTIVE_SESSIONS, HttpMethod.GET, new HttpEntity<>(withSecret), String.class);
        assertThat(ok.getStatusCode().value()).isEqualTo(200);
        assertThat(ok.getBody()).contains("sessions");

        var refused = http.getForEntity(InternalApiV1.PLAY_ACTIVE_SESSIONS, String.class);
        assertThat(refused.getStatusCode().value()).isIn(401, 403);
    }

    @Test
    void anUnknownInviteLinkGetsAClearPageNotALoginPrompt() {
        var page = http.getForEntity("/play/join/not-a-real-token", String.class);
        assertThat(page.getStatusCode().value()).isIn(404, 410);
        assertThat(page.getBody()).doesNotContain("Please sign in").containsIgnoringCase("link");
    }
}
