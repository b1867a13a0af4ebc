package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** Checks shared by the admin API tests. */
final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** An RFC 9457 problem with this status, and nothing of a stack trace in it. */
    static JsonNode assertProblem(AdminClient.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        return problem;
    }

    /** The fields named in a problem's {@code errors} member. */
    static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    /** A domain name no other test uses. */
    static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
