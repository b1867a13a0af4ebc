package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who gets into the admin API over real HTTP, and what stays open without a token. */
@AdminApiTest
class AdminAccessTest {

    @LocalServerPort
    int port;

    @Test
    void requestWithoutTokenIsChallenged() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.empty()).get("/api/v1/domains");

        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Bearer").doesNotContain("error="));
    }

    @Test
    void wrongTokenIsRefused() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.of("Bearer " + AdminApiTest.TOKEN + "0"))
                .get("/api/v1/domains");

        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Bearer").contains("error=\"invalid_token\""));
        assertThat(reply.body()).doesNotContain(AdminApiTest.TOKEN);
    }

    @Test
    void otherSchemesAndEmptyTokensAreRefused() {
        for (String header : new String[] {"Basic YWRtaW46c2VjcmV0", "Bearer", AdminApiTest.TOKEN, "Bearer  "}) {
            AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.of(header)).get("/api/v1/accounts");
            assertThat(reply.status()).as(header).isEqualTo(401);
        }
    }

    @Test
    void writesWithoutTokenChangeNothing() {
        String domain = ProblemAssertions.uniqueDomain();
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.empty())
                .post("/api/v1/domains", "{\"name\":\"" + domain + "\"}");

        assertProblem(reply, 401);
        assertThat(AdminClient.withToken(port).get("/api/v1/domains/" + domain).status()).isEqualTo(404);
    }

    @Test
    void unknownApiPathsRevealNothingWithoutToken() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.empty()).get("/api/v2/anything");
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void schemeNameIsCaseInsensitive() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.of("bearer " + AdminApiTest.TOKEN))
                .get("/api/v1/domains");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().isArray()).isTrue();
    }

    @Test
    void actuatorHealthNeedsNoToken() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.empty()).get("/actuator/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void unknownPathWithTokenIsProblem404() {
        assertProblem(AdminClient.withToken(port).get("/api/v1/nothing-here"), 404);
    }

    @Test
    void unsupportedMethodIsProblem405() {
        AdminClient.Reply reply = AdminClient.withToken(port).patch("/api/v1/domains", "{}");
        assertProblem(reply, 405);
    }
}
