package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.testsupport.ScramClient;
import org.mailplatform.testsupport.TestDatabase;
import org.mailplatform.testsupport.TrustAllTls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Modern logins as clients see them on the running platform: SCRAM-SHA-256 (RFC 7677) on IMAP,
 * POP3 and SMTP submission, SCRAM-SHA-256-PLUS with the tls-exporter channel binding (RFC 9266)
 * over TLS 1.3 from a JDK client computing the exporter itself; a wrong password, a wrong binding
 * and a downgraded flag fail; an account without a verifier gets one from its next PLAIN login; an
 * app password made through the admin API logs in with python's imaplib until it is revoked, and
 * one limited to SMTP does not open IMAP. The stack runs the JDK TLS engine (the one that can
 * export keying material).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LoginMechanismsStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private LocalStack stack;

    private enum Protocol { IMAP, POP3, SMTP }

    @BeforeAll
    void startStack() throws Exception {
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.tls.engine", "jdk",
                        // Failures are the point here: answer them quickly, as every test logs in from 127.0.0.1.
                        "mailplatform.auth.throttle.failure-delay", "50ms",
                        "mailplatform.auth.throttle.max-failure-delay", "200ms",
                        "mailplatform.auth.throttle.address-max-failures", "1000"))).start();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void scramSha256LogsInOnImapPop3AndSubmission() throws Exception {
        String user = newAccount("Scram-pass-1");
        for (Protocol protocol : Protocol.values()) {
            try (Client client = Client.open(port(protocol), protocol)) {
                assertThat(client.mechanisms()).as(protocol.name()).contains("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS");
                Outcome outcome = client.scram("SCRAM-SHA-256", new ScramClient(user, "Scram-pass-1", "n", null));
                assertThat(outcome.success()).as(protocol + ": " + outcome.lastLine()).isTrue();
                assertThat(outcome.serverVerified()).as(protocol.name()).isTrue();
            }
        }
    }

    @Test
    void scramSha256PlusBindsToTheTls13Connection() throws Exception {
        String user = newAccount("Scram-pass-2");
        for (Protocol protocol : Protocol.values()) {
            try (Client client = Client.open(port(protocol), protocol)) {
                assertThat(client.socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                byte[] binding = ScramClient.tlsExporter(client.socket);
                Outcome outcome = client.scram("SCRAM-SHA-256-PLUS",
                        new ScramClient(user, "Scram-pass-2", "p=tls-exporter", binding));
                assertThat(outcome.success()).as(protocol + ": " + outcome.lastLine()).isTrue();
                assertThat(outcome.serverVerified()).isTrue();
            }
        }
    }

    @Test
    void wrongPasswordWrongBindingAndDowngradeFail() throws Exception {
        String user = newAccount("Scram-pass-3");
        try (Client client = Client.open(port(Protocol.IMAP), Protocol.IMAP)) {
            assertThat(client.scram("SCRAM-SHA-256", new ScramClient(user, "not-the-password", "n", null)).success()).isFalse();
        }
        try (Client client = Client.open(port(Protocol.SMTP), Protocol.SMTP)) {
            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            assertThat(client.scram("SCRAM-SHA-256-PLUS", new ScramClient(user, "Scram-pass-3", "p=tls-exporter", other))
                    .success()).isFalse();
        }
        try (Client client = Client.open(port(Protocol.POP3), Protocol.POP3)) {
            // RFC 5802 6: "y" says the client could bind but saw no -PLUS; here -PLUS is on offer.
            Outcome downgraded = client.scram("SCRAM-SHA-256", new ScramClient(user, "Scram-pass-3", "y", null));
            assertThat(downgraded.success()).as(downgraded.lastLine()).isFalse();
        }
    }

    @Test
    void tls12ConnectionsAreNotOfferedPlus() throws Exception {
        try (Client client = Client.open(port(Protocol.IMAP), Protocol.IMAP, "TLSv1.2")) {
            assertThat(client.mechanisms()).contains("SCRAM-SHA-256").doesNotContain("SCRAM-SHA-256-PLUS");
        }
    }

    @Test
    void anAccountWithoutAVerifierGetsOneFromItsNextPlainLogin() throws Exception {
        String user = newAccount("Scram-pass-4");
        TestDatabase db = TestDatabase.get();
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement delete = sql.prepareStatement("""
                     DELETE FROM account_scram WHERE account_id = (SELECT a.id FROM accounts a JOIN domains d ON d.id = a.domain_id
                     WHERE d.name = ? AND a.local_part = ?)""")) {
            delete.setString(1, user.substring(user.indexOf('@') + 1));
            delete.setString(2, user.substring(0, user.indexOf('@')));
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        try (Client client = Client.open(port(Protocol.IMAP), Protocol.IMAP)) {
            assertThat(client.scram("SCRAM-SHA-256", new ScramClient(user, "Scram-pass-4", "n", null)).success()).isFalse();
        }
        try (Client client = Client.open(port(Protocol.IMAP), Protocol.IMAP)) {
            assertThat(client.imapLogin(user, "Scram-pass-4")).startsWith("a2 OK");
        }
        try (Client client = Client.open(port(Protocol.IMAP), Protocol.IMAP)) {
            assertThat(client.scram("SCRAM-SHA-256", new ScramClient(user, "Scram-pass-4", "n", null)).success()).isTrue();
        }
    }

    @Test
    void anAppPasswordWorksWithImaplibUntilRevoked() throws Exception {
        assumePresent(python3Present(), "python3 is not installed");
        String user = newAccount("Scram-pass-5");
        JsonNode created = admin("POST", "/api/v1/accounts/" + user + "/app-passwords", "{\"name\":\"laptop\"}", 201);
        String secret = created.path("secret").asString();
        assertThat(secret).hasSize(32);

        assertThat(imaplib(user, secret)).startsWith("LOGGED-IN");
        JsonNode listed = admin("GET", "/api/v1/accounts/" + user + "/app-passwords", null, 200);
        assertThat(listed.get(0).path("name").asString()).isEqualTo("laptop");
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(listed.get(0).path("lastUsed").isMissingNode()).isFalse();

        admin("DELETE", "/api/v1/accounts/" + user + "/app-passwords/laptop", null, 204);
        assertThat(imaplib(user, secret)).startsWith("REFUSED");
        // SCRAM keeps the account password's verifier: an app password is no SCRAM password.
        try (Client client = Client.open(port(Protocol.IMAP), Protocol.IMAP)) {
            assertThat(client.scram("SCRAM-SHA-256", new ScramClient(user, "Scram-pass-5", "n", null)).success()).isTrue();
        }
    }

    @Test
    void anAppPasswordLimitedToSmtpDoesNotOpenImap() throws Exception {
        assumePresent(python3Present(), "python3 is not installed");
        String user = newAccount("Scram-pass-6");
        String secret = admin("POST", "/api/v1/accounts/" + user + "/app-passwords",
                "{\"name\":\"mailer\",\"protocols\":[\"smtp\"]}", 201).path("secret").asString();

        assertThat(imaplib(user, secret)).startsWith("REFUSED");
        try (Client client = Client.open(port(Protocol.SMTP), Protocol.SMTP)) {
            assertThat(client.smtpPlain(user, secret)).startsWith("235");
        }
    }

    private String newAccount(String password) throws Exception {
        String address = "u" + UUID.randomUUID().toString().substring(0, 8) + "@" + DemoAccounts.DOMAIN;
        admin("POST", "/api/v1/accounts", "{\"address\":\"" + address + "\",\"password\":\"" + password + "\"}", 201);
        return address;
    }

    private JsonNode admin(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort(PlatformService.MDA) + path))
                .header("Authorization", "Bearer " + stack.adminToken())
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static final String IMAPLIB = """
            import imaplib, ssl, sys
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            c = imaplib.IMAP4_SSL('127.0.0.1', int(sys.argv[1]), ssl_context=ctx)
            try:
                c.login(sys.argv[2], sys.argv[3])
                c.select('INBOX')
                print('LOGGED-IN')
                c.logout()
            except imaplib.IMAP4.error as e:
                print('REFUSED', e)
            """;

    private String imaplib(String user, String password) throws Exception {
        Process process = new ProcessBuilder("python3", "-c", IMAPLIB, String.valueOf(port(Protocol.IMAP)), user, password)
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static boolean python3Present() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private int port(Protocol protocol) {
        return switch (protocol) {
            case IMAP -> stack.mailPort(listener(PlatformService.IMAP, "imaps"));
            case POP3 -> stack.mailPort(listener(PlatformService.POP3, "pop3s"));
            case SMTP -> stack.mailPort(listener(PlatformService.MSA, "submissions"));
        };
    }

    private static MailListener listener(PlatformService service, String name) {
        return service.mailListeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private record Outcome(boolean success, boolean serverVerified, String lastLine) {
    }

    /** One implicit-TLS connection speaking just enough IMAP, POP3 or SMTP to log in. */
    private static final class Client implements AutoCloseable {
        final SSLSocket socket;
        final Protocol protocol;
        final BufferedReader in;
        final OutputStream out;

        private Client(SSLSocket socket, Protocol protocol) throws IOException {
            this.socket = socket;
            this.protocol = protocol;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        static Client open(int port, Protocol protocol, String... tlsVersions) throws IOException {
            SSLSocket socket = (SSLSocket) TrustAllTls.socketFactory().createSocket("127.0.0.1", port);
            if (tlsVersions.length > 0) {
                socket.setEnabledProtocols(tlsVersions);
            }
            socket.setSoTimeout(60_000);
            socket.startHandshake();
            Client client = new Client(socket, protocol);
            String greeting = client.line();
            while (greeting.startsWith("220-")) {
                greeting = client.line();
            }
            return client;
        }

        /** The SASL mechanisms advertised: CAPABILITY, CAPA or EHLO. */
        List<String> mechanisms() throws IOException {
            List<String> found = new ArrayList<>();
            switch (protocol) {
                case IMAP -> {
                    send("a1 CAPABILITY");
                    for (String l = line(); !l.startsWith("a1 "); l = line()) {
                        for (String word : l.split(" ")) {
                            if (word.startsWith("AUTH=")) {
                                found.add(word.substring(5));
                            }
                        }
                    }
                }
                case POP3 -> {
                    send("CAPA");
                    for (String l = line(); !l.equals("."); l = line()) {
                        if (l.startsWith("SASL ")) {
                            found.addAll(List.of(l.substring(5).split(" ")));
                        }
                    }
                }
                case SMTP -> found.addAll(ehlo());
            }
            return found;
        }

        private List<String> ehlo() throws IOException {
            List<String> found = new ArrayList<>();
            send("EHLO client.example.test");
            String l;
            do {
                l = line();
                if (l.substring(4).startsWith("AUTH ")) {
                    found.addAll(List.of(l.substring(9).split(" ")));
                }
            } while (l.startsWith("250-"));
            return found;
        }

        Outcome scram(String mechanism, ScramClient scram) throws Exception {
            if (protocol == Protocol.SMTP) {
                ehlo();
            }
            String ir = scram.clientFirstBase64();
            send(switch (protocol) {
                case IMAP -> "a9 AUTHENTICATE " + mechanism + " " + ir;
                case POP3, SMTP -> "AUTH " + mechanism + " " + ir;
            });
            String l = line();
            if (challenge(l) == null) {
                return new Outcome(false, false, l);
            }
            send(scram.clientFinalBase64(challenge(l)));
            l = line();
            if (challenge(l) == null) {
                return new Outcome(false, false, l);
            }
            boolean verified = scram.serverFinalValid(ScramClient.decode(challenge(l)));
            send("");
            l = line();
            boolean ok = switch (protocol) {
                case IMAP -> l.startsWith("a9 OK");
                case POP3 -> l.startsWith("+OK");
                case SMTP -> l.startsWith("235 ");
            };
            return new Outcome(ok, verified, l);
        }

        String imapLogin(String user, String password) throws IOException {
            send("a2 LOGIN \"" + user + "\" \"" + password + "\"");
            String l = line();
            while (l.startsWith("* ")) {
                l = line();
            }
            return l;
        }

        String smtpPlain(String user, String password) throws IOException {
            ehlo();
            send("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)));
            return line();
        }

        private String challenge(String l) {
            return switch (protocol) {
                case IMAP, POP3 -> l.startsWith("+ ") ? l.substring(2) : l.equals("+") ? "" : null;
                case SMTP -> l.startsWith("334 ") ? l.substring(4) : null;
            };
        }

        void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws IOException {
            String l = in.readLine();
            if (l == null) {
                throw new IOException("connection closed");
            }
            return l;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
