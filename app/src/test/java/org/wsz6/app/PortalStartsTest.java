package org.wsz6.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wsz6.data-dir=target/test-data/starts-${random.uuid}", "wsz6.install.sample-games=false"})
class PortalStartsTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void healthEndpointAnswers() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("UP");
    }
}
