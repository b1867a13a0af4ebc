package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The token check on its own, including the configuration a running test context cannot have. */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenFilterTest {

    @Test
    void withoutConfiguredTokenEveryRequestGets503AndStartupWarns(CapturedOutput output) throws Exception {
        AdminTokenFilter filter = new AdminTokenFilter("  ");
        assertThat(output.getAll()).contains("WARN").contains("mailplatform.admin.token is not set");

        for (String authorization : new String[] {null, "Bearer ", "Bearer anything", "Bearer   "}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/domains");
            if (authorization != null) {
                request.addHeader("Authorization", authorization);
            }
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(request, response, chain);

            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(chain.getRequest()).as("request must not reach the API").isNull();
            assertThat(response.getContentType()).startsWith("application/problem+json");
            JsonNode problem = JsonMapper.shared().readTree(response.getContentAsString());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/domains");
        }
    }

    @Test
    void nullTokenIsTheSameAsNone() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new AdminTokenFilter(null).doFilter(new MockHttpServletRequest("GET", "/api/v1/accounts"), response,
                new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void shortTokenIsReported(CapturedOutput output) {
        new AdminTokenFilter("short");
        assertThat(output.getAll()).contains("shorter than " + AdminTokenFilter.RECOMMENDED_MIN_LENGTH);
    }

    @Test
    void passesOnlyTheConfiguredTokenAndNeverEchoesWhatWasSent() throws Exception {
        String token = "a-long-enough-admin-token-for-this-test-0123456789";
        AdminTokenFilter filter = new AdminTokenFilter(token);

        MockFilterChain passed = run(filter, "Bearer " + token, 200);
        assertThat(passed.getRequest()).isNotNull();

        MockHttpServletResponse prefix = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/domains");
        request.addHeader("Authorization", "Bearer " + token.substring(0, token.length() - 1));
        filter.doFilter(request, prefix, chain);
        assertThat(prefix.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
        assertThat(prefix.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(prefix.getContentAsString()).doesNotContain(token.substring(0, token.length() - 1));

        assertThat(run(filter, token + "x", 401).getRequest()).isNull();
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndNeedsAToken() {
        assertThat(AdminTokenFilter.bearerToken("Bearer abc")).contains("abc");
        assertThat(AdminTokenFilter.bearerToken("bEaReR   abc  ")).contains("abc");
        assertThat(AdminTokenFilter.bearerToken("Bearer")).isEmpty();
        assertThat(AdminTokenFilter.bearerToken("Bearer   ")).isEmpty();
        assertThat(AdminTokenFilter.bearerToken("Basic YWRtaW46c2VjcmV0")).isEmpty();
        assertThat(AdminTokenFilter.bearerToken("Bearerabc")).isEmpty();
        assertThat(AdminTokenFilter.bearerToken(null)).isEqualTo(Optional.empty());
    }

    private static MockFilterChain run(AdminTokenFilter filter, String authorization, int expectedStatus)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/domains");
        request.addHeader("Authorization", authorization);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(expectedStatus);
        return chain;
    }
}
