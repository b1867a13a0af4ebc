package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;
import static org.mailplatform.mda.admin.ProblemAssertions.errorFields;
import static org.mailplatform.mda.admin.ProblemAssertions.uniqueDomain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/accounts/{address}/sieve over real HTTP: the scripts ManageSieve serves, with its rules. */
@AdminApiTest
class SieveScriptApiTest {

    private static final String FILTER = "require \"fileinto\";\nif header :contains \"subject\" \"[list]\" {\n"
            + "  fileinto \"Lists\";\n}\n";

    @LocalServerPort
    int port;

    @Autowired
    SieveScriptRepository stored;
    @Autowired
    AccountRepository accounts;

    AdminClient api;
    String address;
    String base;
    long accountId;

    @BeforeEach
    void account() {
        api = AdminClient.withToken(port);
        String domain = uniqueDomain();
        address = "sieve@" + domain;
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + domain + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts", "{\"address\":\"" + address + "\",\"password\":\"a long enough password\"}")
                .status()).isEqualTo(201);
        accountId = accounts.findByAddress(address).orElseThrow().id();
        base = "/api/v1/accounts/" + address + "/sieve";
    }

    @Test
    void scriptsAreStoredActivatedShownAndDeleted() {
        AdminClient.Reply put = api.put(base + "/scripts/lists", "application/json",
                "{\"content\":" + json(FILTER) + "}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("name").asString()).isEqualTo("lists");
        assertThat(put.json().path("active").asBoolean()).isFalse();
        assertThat(stored.find(accountId, "lists")).map(SieveScript::content).contains(FILTER);

        AdminClient.Reply text = api.put(base + "/scripts/keep", "text/plain; charset=utf-8", "keep;\n");
        assertThat(text.status()).as(text.body()).isEqualTo(200);

        assertThat(names(api.get(base + "/scripts"))).containsExactly("keep", "lists");
        assertThat(api.put(base + "/active", "application/json", "{\"name\":\"lists\"}").status()).isEqualTo(204);
        assertThat(stored.findActive(accountId)).map(SieveScript::name).contains("lists");

        AdminClient.Reply one = api.get(base + "/scripts/lists");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("content").asString()).isEqualTo(FILTER);
        assertThat(one.json().path("active").asBoolean()).isTrue();
        AdminClient.Reply raw = api.getAccepting(base + "/scripts/lists", "text/plain");
        assertThat(raw.contentType()).startsWith("text/plain");
        assertThat(raw.body()).isEqualTo(FILTER);

        // RFC 5804 2.10: the active script stays until another one (or none) is active.
        assertProblem(api.delete(base + "/scripts/lists"), 409);
        assertThat(api.put(base + "/active", "application/json", "{\"name\":null}").status()).isEqualTo(204);
        assertThat(stored.findActive(accountId)).isEmpty();
        assertThat(api.delete(base + "/scripts/lists").status()).isEqualTo(204);
        assertThat(names(api.get(base + "/scripts"))).containsExactly("keep");
    }

    @Test
    void refusalsAreProblems() {
        assertProblem(api.get(base + "/scripts/none"), 404);
        assertProblem(api.delete(base + "/scripts/none"), 404);
        assertProblem(api.put(base + "/active", "application/json", "{\"name\":\"none\"}"), 404);
        assertProblem(api.get("/api/v1/accounts/nobody@" + uniqueDomain() + "/sieve/scripts"), 404);

        JsonNode invalid = assertProblem(api.put(base + "/scripts/broken", "text/plain", "if true { keep;\n"), 422);
        assertThat(invalid.path("detail").asString()).contains("close the block");
        assertProblem(api.put(base + "/scripts/unknown", "text/plain", "require \"notify\";\n"), 422);
        assertThat(errorFields(assertProblem(api.put(base + "/scripts/" + "n".repeat(129), "text/plain", "keep;"), 400)))
                .containsExactly("name");
        assertProblem(api.put(base + "/scripts/huge", "text/plain", "#" + "x".repeat(1024 * 1024) + "\n"), 413);
        assertThat(stored.list(accountId)).isEmpty();

        for (int i = 0; i < 20; i++) {
            assertThat(api.put(base + "/scripts/s" + i, "text/plain", "keep;").status()).isEqualTo(200);
        }
        assertProblem(api.put(base + "/scripts/s20", "text/plain", "keep;"), 409);
    }

    private static List<String> names(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(script -> names.add(script.path("name").asString()));
        return names;
    }

    private static String json(String text) {
        return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(text);
    }
}
