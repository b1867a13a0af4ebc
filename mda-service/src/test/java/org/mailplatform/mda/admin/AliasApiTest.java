package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.AdminClient.encode;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;
import static org.mailplatform.mda.admin.ProblemAssertions.errorFields;
import static org.mailplatform.mda.admin.ProblemAssertions.uniqueDomain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.Resolution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/aliases over real HTTP; the aliases take effect in the store's recipient resolution. */
@AdminApiTest
class AliasApiTest {

    @LocalServerPort
    int port;

    @Autowired
    RecipientResolver recipients;

    AdminClient api;
    String domain;

    @BeforeEach
    void domain() {
        api = AdminClient.withToken(port);
        domain = uniqueDomain();
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + domain + "\"}").status()).isEqualTo(201);
    }

    @Test
    void addListResolveRemove() {
        AdminClient.Reply added = add("postmaster@" + domain, "admin@remote.example");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("source").asString()).isEqualTo("postmaster@" + domain);
        assertThat(added.json().path("target").asString()).isEqualTo("admin@remote.example");
        assertThat(added.json().path("catchAll").asBoolean()).isFalse();

        AdminClient.Reply catchAll = add("@" + domain.toUpperCase(), "bin@remote.example");
        assertThat(catchAll.status()).as(catchAll.body()).isEqualTo(201);
        assertThat(catchAll.json().path("source").asString()).isEqualTo("@" + domain);
        assertThat(catchAll.json().path("catchAll").asBoolean()).isTrue();

        assertThat(sources(api.get("/api/v1/aliases?domain=" + domain)))
                .containsExactly("@" + domain + " -> bin@remote.example", "postmaster@" + domain + " -> admin@remote.example");
        assertThat(recipients.resolve("postmaster@" + domain)).isInstanceOfSatisfying(Resolution.Deliver.class,
                deliver -> assertThat(deliver.forwards()).extracting(Object::toString).containsExactly("admin@remote.example"));
        assertThat(recipients.resolve("anyone@" + domain)).isInstanceOfSatisfying(Resolution.Deliver.class,
                deliver -> assertThat(deliver.forwards()).extracting(Object::toString).containsExactly("bin@remote.example"));

        assertThat(api.delete(removal("@" + domain, "bin@remote.example")).status()).isEqualTo(204);
        assertThat(api.delete(removal("Postmaster@" + domain, "admin@remote.example")).status()).isEqualTo(204);
        assertThat(sources(api.get("/api/v1/aliases?domain=" + domain))).isEmpty();
        assertThat(recipients.resolve("anyone@" + domain)).isInstanceOf(Resolution.UnknownRecipient.class);
        assertProblem(api.delete(removal("postmaster@" + domain, "admin@remote.example")), 404);
    }

    @Test
    void subAddressedSourceSurvivesQueryEncoding() {
        assertThat(add("sales+eu@" + domain, "team@remote.example").status()).isEqualTo(201);
        assertThat(api.delete(removal("sales+eu@" + domain, "team@remote.example")).status()).isEqualTo(204);
    }

    @Test
    void duplicateIsConflict() {
        assertThat(add("info@" + domain, "a@remote.example").status()).isEqualTo(201);
        assertThat(add("info@" + domain, "b@remote.example").status()).isEqualTo(201);
        assertProblem(add("INFO@" + domain, "a@remote.example"), 409);
    }

    @Test
    void badInputIsBadRequestAndUnknownDomainIs404() {
        assertThat(errorFields(assertProblem(add("no-at", "a@remote.example"), 400))).containsExactly("source");
        assertThat(errorFields(assertProblem(add("@bad_domain", "a@remote.example"), 400))).containsExactly("source");
        assertThat(errorFields(assertProblem(add("x@" + domain, "not an address"), 400))).containsExactly("target");
        assertThat(errorFields(assertProblem(api.post("/api/v1/aliases", "{\"source\":\"x@" + domain + "\"}"), 400)))
                .containsExactly("target");
        assertProblem(add("x@" + uniqueDomain(), "a@remote.example"), 404);
        assertProblem(api.get("/api/v1/aliases?domain=" + uniqueDomain()), 404);
        assertProblem(api.get("/api/v1/aliases"), 400);
        assertProblem(api.delete("/api/v1/aliases?source=" + encode("x@" + domain)), 400);
    }

    @Test
    void deletingTheDomainRemovesItsAliases() {
        assertThat(add("@" + domain, "bin@remote.example").status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/domains/" + domain).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + domain + "\"}").status()).isEqualTo(201);
        assertThat(sources(api.get("/api/v1/aliases?domain=" + domain))).isEmpty();
    }

    private AdminClient.Reply add(String source, String target) {
        return api.post("/api/v1/aliases", "{\"source\":\"" + source + "\",\"target\":\"" + target + "\"}");
    }

    private static String removal(String source, String target) {
        return "/api/v1/aliases?source=" + encode(source) + "&target=" + encode(target);
    }

    private static List<String> sources(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> pairs = new ArrayList<>();
        for (JsonNode alias : reply.json()) {
            pairs.add(alias.path("source").asString() + " -> " + alias.path("target").asString());
        }
        return pairs;
    }
}
