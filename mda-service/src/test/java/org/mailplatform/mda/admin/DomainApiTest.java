package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;
import static org.mailplatform.mda.admin.ProblemAssertions.errorFields;
import static org.mailplatform.mda.admin.ProblemAssertions.uniqueDomain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/domains over real HTTP against the real database. */
@AdminApiTest
class DomainApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DomainRepository domains;

    AdminClient api;

    @BeforeEach
    void client() {
        api = AdminClient.withToken(port);
    }

    @Test
    void createShowListDelete() {
        String name = uniqueDomain();

        AdminClient.Reply created = api.post("/api/v1/domains", "{\"name\":\"" + name.toUpperCase() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/domains/" + name));
        assertThat(created.json().path("name").asString()).isEqualTo(name);
        assertThat(created.json().path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(domains.isLocal(name)).isTrue();

        assertThat(names(api.get("/api/v1/domains").json())).contains(name);
        AdminClient.Reply shown = api.get("/api/v1/domains/" + name.toUpperCase());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("name").asString()).isEqualTo(name);

        assertThat(api.delete("/api/v1/domains/" + name).status()).isEqualTo(204);
        assertThat(domains.isLocal(name)).isFalse();
        assertThat(names(api.get("/api/v1/domains").json())).doesNotContain(name);
        assertProblem(api.get("/api/v1/domains/" + name), 404);
        assertProblem(api.delete("/api/v1/domains/" + name), 404);
    }

    @Test
    void internationalizedNameIsStoredAsALabel() {
        String label = "bücher-" + uniqueDomain();
        AdminClient.Reply created = api.post("/api/v1/domains", "{\"name\":\"" + label + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String stored = created.json().path("name").asString();
        assertThat(stored).startsWith("xn--");
        assertThat(domains.isLocal(label)).isTrue();
    }

    @Test
    void duplicateIsConflict() {
        String name = uniqueDomain();
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);

        JsonNode problem = assertProblem(api.post("/api/v1/domains", "{\"name\":\"" + name.toUpperCase() + ".\"}"), 409);
        assertThat(problem.path("detail").asString()).contains(name);
    }

    @Test
    void badSyntaxIsBadRequestNamingTheField() {
        for (String bad : new String[] {"under_score.example", "-lead.example", "a..b", "[192.0.2.1]", "x".repeat(64) + ".example"}) {
            JsonNode problem = assertProblem(api.post("/api/v1/domains", "{\"name\":\"" + bad + "\"}"), 400);
            assertThat(errorFields(problem)).as(bad).containsExactly("name");
        }
        assertProblem(api.get("/api/v1/domains/bad_name"), 400);
    }

    @Test
    void missingOrBlankNameIsValidationError() {
        for (String body : new String[] {"{}", "{\"name\":\"  \"}", "{\"name\":null}"}) {
            JsonNode problem = assertProblem(api.post("/api/v1/domains", body), 400);
            assertThat(errorFields(problem)).as(body).containsExactly("name");
            assertThat(problem.path("errors").get(0).path("message").asString()).isNotBlank();
        }
    }

    @Test
    void unreadableBodyIsBadRequestWithoutInternals() {
        assertProblem(api.post("/api/v1/domains", "{\"name\": "), 400);
        assertProblem(api.post("/api/v1/domains", "[1,2]"), 400);
    }

    @Test
    void domainWithAccountsCannotBeDeleted() {
        String name = uniqueDomain();
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts",
                "{\"address\":\"bob@" + name + "\",\"password\":\"correct horse battery\"}").status()).isEqualTo(201);

        JsonNode problem = assertProblem(api.delete("/api/v1/domains/" + name), 409);
        assertThat(problem.path("detail").asString()).contains("accounts");
        assertThat(domains.isLocal(name)).isTrue();

        assertThat(api.delete("/api/v1/accounts/bob@" + name).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/domains/" + name).status()).isEqualTo(204);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(domain -> names.add(domain.path("name").asString()));
        return names;
    }
}
