package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.ProblemAssertions.uniqueDomain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.store.trace.MessageEventRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** scripts/mailadmin run with bash against the running service. */
@AdminApiTest
class MailadminScriptTest {

    @LocalServerPort
    int port;

    @Autowired
    Authenticator authenticator;

    @Autowired
    MessageEventRepository events;

    @Test
    void domainAddThenList() throws Exception {
        String domain = uniqueDomain();

        Run added = run(Map.of(), "", "domain", "add", domain);
        assertThat(added.exit).as(added.stderr).isZero();
        assertThat(JsonMapper.shared().readTree(added.stdout).path("name").asString()).isEqualTo(domain);

        Run listed = run(Map.of(), "", "domain", "list");
        assertThat(listed.exit).as(listed.stderr).isZero();
        List<String> names = new ArrayList<>();
        JsonMapper.shared().readTree(listed.stdout).forEach(d -> names.add(d.path("name").asString()));
        assertThat(names).contains(domain);

        Run again = run(Map.of(), "", "domain", "add", domain);
        assertThat(again.exit).isEqualTo(1);
        assertThat(again.stderr).contains("HTTP 409").contains("\"status\":409");
    }

    @Test
    void accountAddReadsThePasswordFromStdinAndListShowsIt() throws Exception {
        String domain = uniqueDomain();
        String address = "o'brien+x@" + domain;
        String password = "pass \"with\" \\ quotes & spaces";
        assertThat(run(Map.of(), "", "domain", "add", domain).exit).isZero();

        Run added = run(Map.of(), password + "\n", "account", "add", address, "--quota", "4096");
        assertThat(added.exit).as(added.stderr).isZero();
        JsonNode account = JsonMapper.shared().readTree(added.stdout);
        assertThat(account.path("address").asString()).isEqualTo(address);
        assertThat(account.path("quotaBytes").asLong()).isEqualTo(4096);
        assertThat(authenticator.authenticate(address, password, InetAddress.getLoopbackAddress()))
                .isInstanceOf(AuthOutcome.Success.class);

        Run shown = run(Map.of(), "", "account", "show", address);
        assertThat(shown.exit).as(shown.stderr).isZero();
        assertThat(JsonMapper.shared().readTree(shown.stdout).path("address").asString()).isEqualTo(address);

        Run listed = run(Map.of(), "", "account", "list", domain);
        assertThat(listed.exit).as(listed.stderr).isZero();
        assertThat(JsonMapper.shared().readTree(listed.stdout).get(0).path("address").asString()).isEqualTo(address);
    }

    @Test
    void appPasswordAddPrintsTheSecretOnceListAndRevoke() throws Exception {
        String domain = uniqueDomain();
        String address = "carol@" + domain;
        assertThat(run(Map.of(), "", "domain", "add", domain).exit).isZero();
        assertThat(run(Map.of(), "Carol-pass-1\n", "account", "add", address).exit).isZero();

        Run added = run(Map.of(), "", "app-password", "add", address, "tablet", "--protocols", "imap,pop3");
        assertThat(added.exit).as(added.stderr).isZero();
        JsonNode created = JsonMapper.shared().readTree(added.stdout);
        String secret = created.path("secret").asString();
        assertThat(secret).matches("[a-z2-7]{32}");
        assertThat(created.path("protocols").toString()).isEqualTo("[\"imap\",\"pop3\"]");
        assertThat(authenticator.authenticate(address, secret, InetAddress.getLoopbackAddress(), "PLAIN", LoginProtocol.POP3))
                .isInstanceOf(AuthOutcome.Success.class);
        assertThat(authenticator.authenticate(address, secret, InetAddress.getLoopbackAddress(), "PLAIN", LoginProtocol.SMTP))
                .isInstanceOf(AuthOutcome.BadCredentials.class);

        Run listed = run(Map.of(), "", "app-password", "list", address);
        assertThat(listed.exit).as(listed.stderr).isZero();
        JsonNode first = JsonMapper.shared().readTree(listed.stdout).get(0);
        assertThat(first.path("name").asString()).isEqualTo("tablet");
        assertThat(first.has("secret")).isFalse();
        assertThat(run(Map.of(), "", "app-password", "add", address, "tablet").exit).isEqualTo(1);
        assertThat(run(Map.of(), "", "app-password", "add", address, "x", "--protocols", "ftp").exit).isEqualTo(1);

        assertThat(run(Map.of(), "", "app-password", "revoke", address, "tablet").exit).isZero();
        assertThat(authenticator.authenticate(address, secret, InetAddress.getLoopbackAddress(), "PLAIN", LoginProtocol.POP3))
                .isInstanceOf(AuthOutcome.BadCredentials.class);
        assertThat(run(Map.of(), "", "app-password", "revoke", address, "tablet").exit).isEqualTo(1);
    }

    @Test
    void dkimAddPrintsTheTxtRecordListAndDel() throws Exception {
        String domain = uniqueDomain();
        assertThat(run(Map.of(), "", "domain", "add", domain).exit).isZero();

        Run added = run(Map.of(), "", "dkim", "add", domain, "ed25519", "--selector", "e1");
        assertThat(added.exit).as(added.stderr).isZero();
        JsonNode key = JsonMapper.shared().readTree(added.stdout);
        assertThat(key.path("dnsName").asString()).isEqualTo("e1._domainkey." + domain);
        assertThat(key.path("txtRecord").asString()).startsWith("v=DKIM1; k=ed25519; p=");

        Run listed = run(Map.of(), "", "dkim", "list", domain);
        assertThat(listed.exit).as(listed.stderr).isZero();
        assertThat(JsonMapper.shared().readTree(listed.stdout).get(0).path("selector").asString()).isEqualTo("e1");
        assertThat(run(Map.of(), "", "dkim", "del", domain, "e1").exit).isZero();
        assertThat(run(Map.of(), "", "dkim", "add", domain, "dsa").exit).isEqualTo(2);
    }

    @Test
    void traceFindsAMessageByQueueIdMessageIdOrAddressAndPrintsLines() throws Exception {
        TraceEvents written = TraceEvents.write(events);

        Run byQueue = run(Map.of(), "", "trace", written.queueId());
        assertThat(byQueue.exit).as(byQueue.stderr).isZero();
        assertThat(byQueue.stdout.lines().toList()).hasSize(5)
                .first().isEqualTo("queue id " + written.queueId() + "  message-id " + written.messageId());
        assertThat(byQueue.stdout).contains("delivered", "mailbox=INBOX", "uid=42", "deferred", "451 4.3.0");

        Run byMessageId = run(Map.of(), "", "trace", written.messageId());
        assertThat(byMessageId.exit).as(byMessageId.stderr).isZero();
        assertThat(byMessageId.stdout).isEqualTo(byQueue.stdout);

        Run byAddress = run(Map.of(), "", "trace", written.local(), "--since", "2026-11-30T09:00:00Z",
                "--until", "2026-11-30T11:00:00Z");
        assertThat(byAddress.exit).as(byAddress.stderr).isZero();
        assertThat(byAddress.stdout).isEqualTo(byQueue.stdout);

        Run json = run(Map.of(), "", "trace", written.queueId(), "--json");
        assertThat(json.exit).as(json.stderr).isZero();
        assertThat(JsonMapper.shared().readTree(json.stdout).path("messages").get(0).path("events")).hasSize(4);

        Run none = run(Map.of(), "", "trace", "bob@example.test", "--since", "2001-01-01T00:00:00Z",
                "--until", "2001-01-02T00:00:00Z");
        assertThat(none.stdout).isEqualTo("no message found\n");

        Run bad = run(Map.of(), "", "trace", "x@example.test", "--since", "yesterday");
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.stderr).contains("HTTP 400").contains("since");
        assertThat(run(Map.of(), "", "trace").exit).isEqualTo(2);
    }

    @Test
    void wrongTokenFailsAndHelpWorks() throws Exception {
        Run refused = run(Map.of("MAILADMIN_TOKEN", "wrong"), "", "domain", "list");
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.stderr).contains("HTTP 401");
        assertThat(refused.stdout).isEmpty();

        Run help = run(Map.of(), "", "--help");
        assertThat(help.exit).isZero();
        assertThat(help.stdout).contains("domain add", "account passwd", "alias del", "trace QUEUE-ID", "MAILADMIN_URL");

        assertThat(run(Map.of(), "", "domain", "frobnicate").exit).isEqualTo(2);
    }

    @Test
    void sieveScriptsArePutActivatedShownAndDeleted() throws Exception {
        String domain = uniqueDomain();
        String address = "filters@" + domain;
        assertThat(run(Map.of(), "", "domain", "add", domain).exit).isZero();
        assertThat(run(Map.of(), "a long enough password\n", "account", "add", address).exit).isZero();
        String script = "require \"fileinto\";\nif header :is \"x-spam\" \"yes\" {\n  fileinto \"Junk\";\n}\n";

        Run put = run(Map.of(), script, "sieve", "put", address, "spam filter");
        assertThat(put.exit).as(put.stderr).isZero();
        assertThat(JsonMapper.shared().readTree(put.stdout).path("name").asString()).isEqualTo("spam filter");
        Path file = Files.createTempFile("keep", ".sieve");
        Files.writeString(file, "keep;\n");
        assertThat(run(Map.of(), "", "sieve", "put", address, "plain", file.toString()).exit).isZero();
        Files.delete(file);

        Run activated = run(Map.of(), "", "sieve", "activate", address, "spam filter");
        assertThat(activated.exit).as(activated.stderr).isZero();
        Run listed = run(Map.of(), "", "sieve", "list", address);
        assertThat(listed.exit).as(listed.stderr).isZero();
        List<String> active = new ArrayList<>();
        JsonMapper.shared().readTree(listed.stdout).forEach(s -> {
            if (s.path("active").asBoolean()) {
                active.add(s.path("name").asString());
            }
        });
        assertThat(active).containsExactly("spam filter");

        Run got = run(Map.of(), "", "sieve", "get", address, "spam filter");
        assertThat(got.exit).as(got.stderr).isZero();
        assertThat(got.stdout).isEqualTo(script);

        Run refused = run(Map.of(), "", "sieve", "delete", address, "spam filter");
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.stderr).contains("HTTP 409");
        Run invalid = run(Map.of(), "if true {\n", "sieve", "put", address, "broken");
        assertThat(invalid.exit).isEqualTo(1);
        assertThat(invalid.stderr).contains("HTTP 422");
        assertThat(run(Map.of(), "", "sieve", "activate", address).exit).isZero();
        assertThat(run(Map.of(), "", "sieve", "delete", address, "spam filter").exit).isZero();
        assertThat(run(Map.of(), "", "sieve", "get", address, "spam filter").exit).isEqualTo(1);
    }

    private Run run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MAILADMIN_URL", "http://127.0.0.1:" + port);
        builder.environment().put("MAILADMIN_TOKEN", AdminApiTest.TOKEN);
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("mailadmin finished").isTrue();
        return new Run(process.exitValue(), out.join(), err.join());
    }

    private static Path script() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/mailadmin"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("scripts/mailadmin above the working directory").isNotNull();
        return dir.resolve("scripts/mailadmin");
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }
}
