package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;
import static org.mailplatform.mda.admin.ProblemAssertions.errorFields;
import static org.mailplatform.mda.admin.ProblemAssertions.uniqueDomain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.store.dkim.DkimKeyRepository;
import org.mailplatform.store.dkim.StoredDkimKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/domains/{name}/dkim over real HTTP: keys are generated, stored for the MTA, and shown with their DNS record. */
@AdminApiTest
class DkimKeyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DkimKeyRepository stored;

    AdminClient api;
    String domain;

    @BeforeEach
    void domain() {
        api = AdminClient.withToken(port);
        domain = uniqueDomain();
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + domain + "\"}").status()).isEqualTo(201);
    }

    @Test
    void generatesBothKindsAndAnswersWithTheTxtRecordToPublish() {
        AdminClient.Reply rsa = api.post("/api/v1/domains/" + domain + "/dkim", "{}");
        assertThat(rsa.status()).as(rsa.body()).isEqualTo(201);
        String rsaSelector = rsa.json().path("selector").asString();
        assertThat(rsaSelector).matches("\\d{6}r");
        assertThat(rsa.json().path("algorithm").asString()).isEqualTo("rsa-sha256");
        assertThat(rsa.json().path("dnsName").asString()).isEqualTo(rsaSelector + "._domainkey." + domain);
        assertThat(rsa.json().path("txtRecord").asString()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        assertThat(rsa.json().path("zoneFileLine").asString()).startsWith(rsaSelector + "._domainkey." + domain + ". 3600 IN TXT \"");
        assertThat(rsa.body()).doesNotContain("PRIVATE");

        AdminClient.Reply ed = api.post("/api/v1/domains/" + domain + "/dkim",
                "{\"algorithm\":\"ed25519-sha256\",\"selector\":\"Ed1\"}");
        assertThat(ed.status()).as(ed.body()).isEqualTo(201);
        assertThat(ed.json().path("selector").asString()).isEqualTo("ed1");
        assertThat(ed.json().path("txtRecord").asString()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");

        // What the MTA reads: the private key whose public half the answer published.
        List<StoredDkimKey> keys = stored.list(domain);
        assertThat(keys).extracting(StoredDkimKey::selector).containsExactlyInAnyOrder(rsaSelector, "ed1");
        for (StoredDkimKey k : keys) {
            DkimKey key = DkimKey.fromPem(k.domain(), k.selector(), k.privateKeyPem().getBytes(StandardCharsets.US_ASCII), k.signsFrom());
            String published = (key.algorithm() == DkimAlgorithm.RSA_SHA256 ? rsa : ed).json().path("txtRecord").asString();
            assertThat(key.txtRecord()).isEqualTo(published);
        }

        assertThat(selectors(api.get("/api/v1/domains/" + domain + "/dkim"))).containsExactlyInAnyOrder(rsaSelector, "ed1");
        assertThat(api.delete("/api/v1/domains/" + domain + "/dkim/ed1").status()).isEqualTo(204);
        assertThat(selectors(api.get("/api/v1/domains/" + domain + "/dkim"))).containsExactly(rsaSelector);
        assertProblem(api.delete("/api/v1/domains/" + domain + "/dkim/ed1"), 404);
    }

    @Test
    void aSelectorIsTakenOnceAndBadInputIsRefused() {
        assertThat(api.post("/api/v1/domains/" + domain + "/dkim", "{\"selector\":\"s1\"}").status()).isEqualTo(201);
        assertProblem(api.post("/api/v1/domains/" + domain + "/dkim", "{\"selector\":\"s1\",\"algorithm\":\"ed25519-sha256\"}"), 409);
        assertThat(errorFields(assertProblem(api.post("/api/v1/domains/" + domain + "/dkim", "{\"algorithm\":\"rsa-sha1\"}"), 400)))
                .containsExactly("algorithm");
        assertThat(errorFields(assertProblem(api.post("/api/v1/domains/" + domain + "/dkim", "{\"selector\":\"no way\"}"), 400)))
                .containsExactly("selector");
        assertProblem(api.post("/api/v1/domains/" + uniqueDomain() + "/dkim", "{}"), 404);
        assertProblem(api.get("/api/v1/domains/" + uniqueDomain() + "/dkim"), 404);
    }

    @Test
    void deletingTheDomainRemovesItsKeys() {
        assertThat(api.post("/api/v1/domains/" + domain + "/dkim", "{\"algorithm\":\"ed25519-sha256\"}").status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/domains/" + domain).status()).isEqualTo(204);
        assertThat(stored.list(domain)).isEmpty();
    }

    private static List<String> selectors(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode key : reply.json()) {
            out.add(key.path("selector").asString());
        }
        return out;
    }
}
