package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description and Swagger UI are served, without a token, and describe the API. */
@AdminApiTest
class OpenApiDocsTest {

    @LocalServerPort
    int port;

    @Test
    void apiDocsDescribeEveryResourceAndTheBearerScheme() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.empty()).get("/v3/api-docs");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode docs = reply.json();
        assertThat(docs.path("openapi").asString()).startsWith("3.");
        JsonNode paths = docs.path("paths");
        assertThat(paths.has("/api/v1/domains")).isTrue();
        assertThat(paths.has("/api/v1/domains/{name}")).isTrue();
        assertThat(paths.has("/api/v1/accounts")).isTrue();
        assertThat(paths.path("/api/v1/accounts/{address}").has("patch")).isTrue();
        assertThat(paths.path("/api/v1/aliases").has("delete")).isTrue();

        JsonNode scheme = docs.path("components").path("securitySchemes").path(AdminApiDocs.SECURITY_SCHEME);
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.path("security").toString()).contains(AdminApiDocs.SECURITY_SCHEME);
        assertThat(paths.toString()).doesNotContain("/actuator");

        JsonNode create = paths.path("/api/v1/accounts").path("post").path("responses");
        assertThat(create.has("201")).isTrue();
        assertThat(create.has("401")).isTrue();
        assertThat(create.path("422").path("content").has("application/problem+json")).isTrue();
        JsonNode schemas = docs.path("components").path("schemas");
        assertThat(schemas.path(AdminApiDocs.PROBLEM_SCHEMA).path("type").asString()).isEqualTo("object");
        assertThat(schemas.path(AdminApiDocs.PROBLEM_SCHEMA).path("properties").has("errors")).isTrue();
        assertThat(schemas.path("AccountView").path("properties").toString()).doesNotContainIgnoringCase("password");
    }

    @Test
    void swaggerUiIsServed() {
        AdminClient.Reply reply = AdminClient.withAuthorization(port, Optional.empty()).get("/swagger-ui.html");
        // springdoc answers with a redirect to its index page.
        assertThat(reply.status()).isIn(200, 302);
        String location = reply.header("Location").orElse("/swagger-ui/index.html");
        AdminClient.Reply page = AdminClient.withAuthorization(port, Optional.empty())
                .get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }
}
