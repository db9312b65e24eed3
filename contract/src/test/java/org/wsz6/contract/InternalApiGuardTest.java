package org.wsz6.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.wsz6.contract.v1.InternalApiV1;

class InternalApiGuardTest {

    static final String SECRET = "a-shared-secret-of-enough-length";
    final InternalApiGuard guard = new InternalApiGuard(SECRET, Set.of("127.0.0.1"));

    @Test
    void letsACallWithTheRightSecretFromAnAllowedAddressThrough() throws Exception {
        var chain = new MockFilterChain();
        var response = call("127.0.0.1", SECRET, chain);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).as("the endpoint was reached").isNotNull();
    }

    @Test
    void refusesACallWithoutTheSecret() throws Exception {
        var chain = new MockFilterChain();
        var response = call("127.0.0.1", null, chain);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("missing " + InternalApiV1.SECRET_HEADER);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void refusesACallWithAWrongSecret() throws Exception {
        var chain = new MockFilterChain();
        var response = call("127.0.0.1", SECRET + "x", chain);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("wrong internal API secret");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void refusesACallFromAnAddressThatIsNotAllowedEvenWithTheSecret() throws Exception {
        var chain = new MockFilterChain();
        var response = call("10.1.2.3", SECRET, chain);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("10.1.2.3 are not allowed");
        assertThat(chain.getRequest()).isNull();
    }

    private MockHttpServletResponse call(String from, String secret, MockFilterChain chain) throws Exception {
        var request = new MockHttpServletRequest("POST", InternalApiV1.PLAY_LAUNCH);
        request.setRemoteAddr(from);
        if (secret != null) {
            request.addHeader(InternalApiV1.SECRET_HEADER, secret);
        }
        var response = new MockHttpServletResponse();
        guard.doFilter(request, response, chain);
        return response;
    }
}
