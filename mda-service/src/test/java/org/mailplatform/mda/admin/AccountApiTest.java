package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;
import static org.mailplatform.mda.admin.ProblemAssertions.errorFields;
import static org.mailplatform.mda.admin.ProblemAssertions.uniqueDomain;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.CredentialCache;
import org.mailplatform.auth.LoginThrottle;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /api/v1/accounts over real HTTP; passwords checked through mail-auth's real Authenticator. */
@AdminApiTest
class AccountApiTest {

    private static final String PASSWORD = "s3cret \"quoted\" pässword";

    @LocalServerPort
    int port;

    @Autowired
    Authenticator authenticator;

    @Autowired
    AccountRepository accounts;

    @Autowired
    PasswordHasher hasher;

    @Autowired
    MailboxRepository mailboxes;

    AdminClient api;
    String domain;

    @BeforeEach
    void domain() {
        api = AdminClient.withToken(port);
        domain = uniqueDomain();
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + domain + "\"}").status()).isEqualTo(201);
    }

    @Test
    void createdAccountLogsInWithItsPasswordAndNeverShowsTheHash() {
        String address = "Alice@" + domain;
        AdminClient.Reply created = api.post("/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"password\":" + json(PASSWORD) + ",\"quotaBytes\":1048576}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).contains("/api/v1/accounts/"));
        JsonNode body = created.json();
        assertThat(body.path("address").asString()).isEqualTo(address);
        assertThat(body.path("domain").asString()).isEqualTo(domain);
        assertThat(body.path("quotaBytes").asLong()).isEqualTo(1048576);
        assertThat(body.path("usedBytes").asLong()).isZero();
        assertThat(body.path("disabled").asBoolean()).isFalse();
        assertThat(body.path("createdAt").asString()).isNotBlank();

        Account stored = accounts.findByAddress(address).orElseThrow();
        assertThat(stored.passwordHash()).startsWith("$argon2id$").doesNotContain(PASSWORD);
        assertThat(mailboxes.list(stored.id())).extracting(mailbox -> mailbox.name()).contains("INBOX", "Sent", "Trash");

        AdminClient.Reply shown = api.get("/api/v1/accounts/alice@" + domain.toUpperCase());
        assertThat(shown.status()).isEqualTo(200);
        for (AdminClient.Reply reply : List.of(created, shown, api.get("/api/v1/accounts?domain=" + domain))) {
            assertThat(reply.body()).doesNotContain(stored.passwordHash()).doesNotContain("$argon2")
                    .doesNotContainIgnoringCase("password").doesNotContain("pässword");
        }
        assertThat(shown.json().path("quotaBytes").asLong()).isEqualTo(1048576);

        assertThat(login(address, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(login(address, "not the password")).isInstanceOf(AuthOutcome.BadCredentials.class);
    }

    @Test
    void listFiltersByDomain() {
        String other = uniqueDomain();
        assertThat(api.post("/api/v1/domains", "{\"name\":\"" + other + "\"}").status()).isEqualTo(201);
        create("zed@" + domain);
        create("amy@" + domain);
        create("amy@" + other);

        assertThat(addresses(api.get("/api/v1/accounts?domain=" + domain)))
                .containsExactly("amy@" + domain, "zed@" + domain);
        assertThat(addresses(api.get("/api/v1/accounts")))
                .contains("amy@" + domain, "zed@" + domain, "amy@" + other);
        assertProblem(api.get("/api/v1/accounts?domain=" + uniqueDomain()), 404);
        assertProblem(api.get("/api/v1/accounts?domain=no_such"), 400);
    }

    @Test
    void patchChangesPasswordQuotaAndDisabled() {
        String address = "carol@" + domain;
        create(address);

        AdminClient.Reply changed = api.patch("/api/v1/accounts/" + address,
                "{\"password\":\"a brand new password\",\"quotaBytes\":5000}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("quotaBytes").asLong()).isEqualTo(5000);
        assertThat(login(address, PASSWORD)).isInstanceOf(AuthOutcome.BadCredentials.class);
        assertThat(login(address, "a brand new password")).isInstanceOf(AuthOutcome.Success.class);

        AdminClient.Reply disabled = api.patch("/api/v1/accounts/" + address, "{\"disabled\":true}");
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(disabled.json().path("quotaBytes").asLong()).isEqualTo(5000);
        assertThat(login(address, "a brand new password")).isInstanceOf(AuthOutcome.Disabled.class);

        assertThat(api.patch("/api/v1/accounts/" + address, "{\"disabled\":false,\"quotaBytes\":0}")
                .json().path("quotaBytes").asLong()).isZero();
        assertThat(login(address, "a brand new password")).isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void aPasswordChangedThroughTheApiStopsTheOldOneAtOnceOnEveryReplica() throws Exception {
        String address = "kate@" + domain;
        create(address);
        // A second gateway replica: its own credential cache, the same database.
        Authenticator otherReplica = new Authenticator(accounts, hasher,
                new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC()),
                new CredentialCache(Duration.ofHours(1), 100, Clock.systemUTC()), AuthMetrics.none());
        InetAddress client = InetAddress.getByName("192.0.2.77");
        assertThat(login(address, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(otherReplica.authenticate(address, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(otherReplica.authenticate(address, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);

        assertThat(api.patch("/api/v1/accounts/" + address, "{\"password\":\"the next password\"}").status())
                .isEqualTo(200);

        assertThat(otherReplica.authenticate(address, PASSWORD, client)).isInstanceOf(AuthOutcome.BadCredentials.class);
        assertThat(login(address, PASSWORD)).isInstanceOf(AuthOutcome.BadCredentials.class);
        assertThat(otherReplica.authenticate(address, "the next password", client)).isInstanceOf(AuthOutcome.Success.class);

        assertThat(api.patch("/api/v1/accounts/" + address, "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(otherReplica.authenticate(address, "the next password", client)).isInstanceOf(AuthOutcome.Disabled.class);
    }

    @Test
    void passwordRefusedByPolicyIs422AndChangesNothing() {
        JsonNode refused = assertProblem(api.post("/api/v1/accounts",
                "{\"address\":\"dave@" + domain + "\",\"password\":\"short\"}"), 422);
        assertThat(errorFields(refused)).containsExactly("password");
        assertThat(refused.toString()).doesNotContain("\"short\"");
        assertThat(accounts.findByAddress("dave@" + domain)).isEmpty();

        String address = "erin@" + domain;
        create(address);
        assertProblem(api.patch("/api/v1/accounts/" + address, "{\"password\":\"tiny\",\"quotaBytes\":77}"), 422);
        assertThat(accounts.findByAddress(address).orElseThrow().quotaBytes()).isZero();
        assertThat(login(address, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);

        assertProblem(api.post("/api/v1/accounts",
                "{\"address\":\"frank@" + domain + "\",\"password\":\"control\\u0001character\"}"), 422);
    }

    @Test
    void invalidFieldsAreListed() {
        JsonNode missing = assertProblem(api.post("/api/v1/accounts", "{\"address\":\"x@" + domain + "\"}"), 400);
        assertThat(errorFields(missing)).containsExactly("password");

        JsonNode several = assertProblem(api.post("/api/v1/accounts",
                "{\"address\":\"\",\"password\":\"long enough password\",\"quotaBytes\":-1}"), 400);
        assertThat(errorFields(several)).containsExactlyInAnyOrder("address", "quotaBytes");

        JsonNode badAddress = assertProblem(api.post("/api/v1/accounts",
                "{\"address\":\"no-at-sign\",\"password\":\"long enough password\"}"), 400);
        assertThat(errorFields(badAddress)).containsExactly("address");

        assertProblem(api.post("/api/v1/accounts",
                "{\"address\":\"x@" + domain + "\",\"password\":\"long enough password\",\"quotaBytes\":\"lots\"}"), 400);

        create("gina@" + domain);
        JsonNode negative = assertProblem(api.patch("/api/v1/accounts/gina@" + domain, "{\"quotaBytes\":-5}"), 400);
        assertThat(errorFields(negative)).containsExactly("quotaBytes");
        assertProblem(api.patch("/api/v1/accounts/gina@" + domain, "{}"), 400);
    }

    @Test
    void duplicateInAnyCaseIsConflict() {
        create("henry@" + domain);
        AdminClient.Reply again = api.post("/api/v1/accounts",
                "{\"address\":\"HENRY@" + domain + "\",\"password\":\"another password\"}");
        assertProblem(again, 409);
        assertThat(login("henry@" + domain, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void unknownAccountsAndDomainsAre404() {
        assertProblem(api.get("/api/v1/accounts/nobody@" + domain), 404);
        assertProblem(api.patch("/api/v1/accounts/nobody@" + domain, "{\"disabled\":true}"), 404);
        assertProblem(api.delete("/api/v1/accounts/nobody@" + domain), 404);
        JsonNode notLocal = assertProblem(api.post("/api/v1/accounts",
                "{\"address\":\"ivy@" + uniqueDomain() + "\",\"password\":\"long enough password\"}"), 404);
        assertThat(notLocal.path("detail").asString()).contains("not a local domain");
        assertProblem(api.get("/api/v1/accounts/not-an-address"), 400);
    }

    @Test
    void deleteRemovesTheAccountAndItsLogin() {
        String address = "jack@" + domain;
        create(address);

        assertThat(api.delete("/api/v1/accounts/" + address).status()).isEqualTo(204);
        assertThat(accounts.findByAddress(address)).isEmpty();
        assertProblem(api.get("/api/v1/accounts/" + address), 404);
        assertThat(login(address, PASSWORD)).isInstanceOf(AuthOutcome.BadCredentials.class);
    }

    private void create(String address) {
        AdminClient.Reply reply = api.post("/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"password\":" + json(PASSWORD) + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private AuthOutcome login(String address, String password) {
        return authenticator.authenticate(address, password, InetAddress.getLoopbackAddress());
    }

    private static List<String> addresses(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> addresses = new ArrayList<>();
        reply.json().forEach(account -> addresses.add(account.path("address").asString()));
        return addresses;
    }

    private static String json(String text) {
        return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(text);
    }
}
