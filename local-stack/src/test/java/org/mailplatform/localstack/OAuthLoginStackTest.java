package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.auth.LoginThrottle;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.auth.PasswordPolicy;
import org.mailplatform.store.MailStore;
import org.mailplatform.testsupport.TestDatabase;
import org.mailplatform.testsupport.TestIdentityProvider;
import org.mailplatform.testsupport.TestIdentityProvider.KeyKind;
import org.mailplatform.testsupport.TrustAllTls;

/**
 * Logins with OAuth 2.0 bearer tokens (SASL OAUTHBEARER, RFC 7628, and XOAUTH2) on the running
 * platform, by real clients: curl (which takes OAUTHBEARER whenever it is offered) on IMAP, POP3
 * and SMTP submission, and Jakarta Mail's XOAUTH2 on the same three. Tokens are signed by an OpenID
 * Connect provider on loopback whose discovery document and key set the services fetch. Every
 * refused token goes through the error exchange of RFC 7628 §3.2.3, as curl's trace shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OAuthLoginStackTest {

    private static final String AUDIENCE = "mail-platform-test";
    private static final String DOMAIN = DemoAccounts.DOMAIN;

    @TempDir
    static Path dataDir;

    private TestIdentityProvider idp;
    private LocalStack stack;
    private AccountManager accounts;
    private String user;
    private String disabledUser;

    @BeforeAll
    void startStack() {
        assumePresent(onPath("curl"), "curl is not installed (apt-get install curl; .ci/run does it)");
        idp = TestIdentityProvider.start();
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.auth.oauth.enabled", "true",
                        "mailplatform.auth.oauth.issuer", idp.issuer(),
                        "mailplatform.auth.oauth.audience", AUDIENCE,
                        "mailplatform.auth.oauth.scope", "mail",
                        "mailplatform.auth.oauth.allow-insecure-http", "true",
                        // Refusals are what this test is about: answer them at once, never block
                        // the test's own account, and count them in this stack's memory only, not
                        // in the database the module's other tests share.
                        "mailplatform.auth.throttle.failure-delay", "0s",
                        "mailplatform.auth.throttle.account-max-failures", "1000",
                        "mailplatform.auth.throttle.address-max-failures", "1000",
                        "mailplatform.auth.throttle.shared", "false"))).start();
        MailStore store = MailStore.create(stack.database().dataSource());
        accounts = new AccountManager(store.accounts(), new PasswordHasher(1024, 1, 1), new PasswordPolicy(8),
                new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC()));
        // Accounts of this run only: the shared failure counts of the demo accounts stay untouched.
        user = "oauth-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        disabledUser = "oauth-off-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        accounts.createAccount(user, UUID.randomUUID().toString(), 0);
        accounts.createAccount(disabledUser, UUID.randomUUID().toString(), 0);
        accounts.setDisabled(disabledUser, true);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    private String token(String account) {
        return idp.sign(KeyKind.RSA, idp.claims(account, AUDIENCE).build());
    }

    private int port(PlatformService service, String listener) {
        return stack.mailPort(service.mailListeners().stream().filter(l -> l.name().equals(listener)).findFirst().orElseThrow());
    }

    @Test
    void curlLogsInWithOAuthBearerOnImapPop3AndSubmission() throws Exception {
        Curl imap = curl("imaps://localhost:" + port(PlatformService.IMAP, "imaps") + "/", user, token(user));
        assertThat(imap.exit()).as(imap.trace()).isZero();
        assertThat(imap.trace()).contains("AUTHENTICATE OAUTHBEARER ").contains("OK [CAPABILITY");
        assertThat(imap.output()).contains("INBOX");

        Curl pop3 = curl("pop3s://localhost:" + port(PlatformService.POP3, "pop3s") + "/", user, token(user));
        assertThat(pop3.exit()).as(pop3.trace()).isZero();
        // curl sends no initial response in POP3: the empty challenge comes first (RFC 5034 4).
        assertThat(pop3.trace()).contains("> AUTH OAUTHBEARER").contains("< + ").contains("< +OK maildrop");

        Curl smtp = curl("smtps://localhost:" + port(PlatformService.MSA, "submissions"), user, token(user),
                "--mail-from", user, "--mail-rcpt", user, "--upload-file", writeMessage().toString());
        assertThat(smtp.exit()).as(smtp.trace()).isZero();
        // Without an initial response (curl sends none here) the empty 334 comes first (RFC 4954 4).
        assertThat(smtp.trace()).contains("> AUTH OAUTHBEARER").contains("< 334 ").contains("< 235 ").contains("< 250 2.0.0");
    }

    @Test
    void everyRefusedTokenGoesThroughTheErrorExchangeOnImap() throws Exception {
        Instant now = Instant.now();
        String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        Map<String, String> refused = Map.of(
                "expired", idp.sign(KeyKind.RSA, idp.claims(user, AUDIENCE).expirationTime(Date.from(now.minusSeconds(600))).build()),
                "wrong audience", idp.sign(KeyKind.EC, idp.claims(user, "another-app").build()),
                "wrong issuer", idp.sign(KeyKind.ED25519, idp.claims(user, AUDIENCE).issuer("https://elsewhere.example").build()),
                "bad signature", idp.forge(KeyKind.RSA, idp.claims(user, AUDIENCE).build()),
                "another account's token", token(disabledUser.replace("oauth-off-", "oauth-other-")));
        int imaps = port(PlatformService.IMAP, "imaps");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            assertRefusedWithErrorExchange(e.getKey(), curl("imaps://localhost:" + imaps + "/", user, e.getValue()), "invalid_token");
        }
        assertRefusedWithErrorExchange("unknown account", curl("imaps://localhost:" + imaps + "/", stranger, token(stranger)), "invalid_token");
        assertRefusedWithErrorExchange("disabled account",
                curl("imaps://localhost:" + imaps + "/", disabledUser, token(disabledUser)), "invalid_token");
    }

    @Test
    void refusedTokensGetTheErrorExchangeOnPop3AndSubmissionToo() throws Exception {
        String expired = idp.sign(KeyKind.RSA, idp.claims(user, AUDIENCE).expirationTime(Date.from(Instant.now().minusSeconds(600))).build());

        Curl pop3 = curl("pop3s://localhost:" + port(PlatformService.POP3, "pop3s") + "/", user, expired);
        assertRefusedWithErrorExchange("pop3", pop3, "invalid_token");
        assertThat(pop3.trace()).contains("< -ERR [AUTH]");

        Curl smtp = curl("smtps://localhost:" + port(PlatformService.MSA, "submissions"), user, expired,
                "--mail-from", user, "--mail-rcpt", user, "--upload-file", writeMessage().toString());
        assertRefusedWithErrorExchange("smtp", smtp, "invalid_token");
        assertThat(smtp.trace()).contains("< 535 5.7.8");
    }

    @Test
    void aRotatedKeyIsPickedUp() throws Exception {
        String kid = idp.addKey(KeyKind.ED25519);
        String rotated = idp.sign(kid, idp.claims(user, AUDIENCE).build());

        Curl imap = curl("imaps://localhost:" + port(PlatformService.IMAP, "imaps") + "/", user, rotated);
        assertThat(imap.exit()).as(imap.trace()).isZero();
    }

    @Test
    void jakartaMailUsesXOAuth2WithTheTokenAsPasswordOnAllThree() throws Exception {
        Properties p = new Properties();
        p.put("mail.imaps.host", "localhost");
        p.put("mail.imaps.port", String.valueOf(port(PlatformService.IMAP, "imaps")));
        p.put("mail.imaps.ssl.trust", "*");
        p.put("mail.imaps.auth.mechanisms", "XOAUTH2");
        p.put("mail.pop3s.host", "localhost");
        p.put("mail.pop3s.port", String.valueOf(port(PlatformService.POP3, "pop3s")));
        p.put("mail.pop3s.ssl.trust", "*");
        p.put("mail.pop3s.auth.mechanisms", "XOAUTH2");
        p.put("mail.smtps.host", "localhost");
        p.put("mail.smtps.port", String.valueOf(port(PlatformService.MSA, "submissions")));
        p.put("mail.smtps.ssl.trust", "*");
        p.put("mail.smtps.auth", "true");
        p.put("mail.smtps.auth.mechanisms", "XOAUTH2");
        Session session = Session.getInstance(p);

        try (Store store = session.getStore("imaps")) {
            store.connect(user, token(user));
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isGreaterThanOrEqualTo(0);
            inbox.close(false);
        }
        try (Store store = session.getStore("pop3s")) {
            store.connect(user, token(user));
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isGreaterThanOrEqualTo(0);
            inbox.close(false);
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(user));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(user));
        message.setSubject("XOAUTH2 submission");
        message.setText("hello");
        try (Transport transport = session.getTransport("smtps")) {
            transport.connect(user, token(user));
            transport.sendMessage(message, message.getAllRecipients());
        }

        String expired = idp.sign(KeyKind.RSA, idp.claims(user, AUDIENCE).expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        assertThatThrownBy(() -> {
            try (Store store = session.getStore("imaps")) {
                store.connect(user, expired);
            }
        }).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void theBearerMechanismsAreAdvertisedInEveryProtocol() throws Exception {
        assertThat(greetAndAsk(port(PlatformService.IMAP, "imaps"), "a CAPABILITY\r\n", "a OK"))
                .contains("SASL-IR").contains("AUTH=PLAIN").contains("AUTH=OAUTHBEARER").contains("AUTH=XOAUTH2").doesNotContain("AUTH=LOGIN");
        assertThat(greetAndAsk(port(PlatformService.POP3, "pop3s"), "CAPA\r\n", "."))
                .contains("SASL PLAIN LOGIN SCRAM-SHA-256 OAUTHBEARER XOAUTH2");
        assertThat(greetAndAsk(port(PlatformService.MSA, "submissions"), "EHLO client.example\r\n", "250 "))
                .contains("AUTH PLAIN LOGIN SCRAM-SHA-256 OAUTHBEARER XOAUTH2");
    }

    /** curl's trace shows the server's JSON error challenge, curl's %x01 answer and the final refusal. */
    private static void assertRefusedWithErrorExchange(String what, Curl curl, String status) {
        assertThat(curl.exit()).as(what + "\n" + curl.trace()).isEqualTo(67);
        String challenge = curl.trace().lines()
                .filter(l -> l.startsWith("< + ey") || l.startsWith("< 334 ey"))
                .findFirst().orElseThrow(() -> new AssertionError(what + ": no error challenge in\n" + curl.trace()));
        String json = new String(Base64.getDecoder().decode(challenge.substring(challenge.indexOf(" ey") + 1).strip()),
                StandardCharsets.UTF_8);
        assertThat(json).as(what).contains("\"status\":\"" + status + "\"").contains("\"schemes\":\"bearer\"")
                .contains("\"scope\":\"mail\"").contains("openid-configuration");
        assertThat(curl.trace()).as(what).contains("> AQ==");
    }

    private Path writeMessage() throws Exception {
        Path message = dataDir.resolve("message-" + UUID.randomUUID() + ".eml");
        Files.writeString(message, "From: " + user + "\r\nTo: " + user + "\r\nSubject: token\r\n\r\nhello\r\n");
        return message;
    }

    /** What a client reads after the greeting and one command, up to a line starting with {@code until}. */
    private static String greetAndAsk(int port, String command, String until) throws Exception {
        try (SSLSocket socket = (SSLSocket) TrustAllTls.socketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(15_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            in.readLine();
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder reply = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                reply.append(line).append('\n');
                if (line.startsWith(until)) {
                    break;
                }
            }
            return reply.toString();
        }
    }

    /** One run of curl: its exit code, what it printed and its protocol trace ({@code -v}). */
    private record Curl(int exit, String output, String trace) {
    }

    private Curl curl(String url, String user, String token, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--verbose", "--insecure",
                "--max-time", "60", "--user", user + ":", "--oauth2-bearer", token));
        args.addAll(List.of(more));
        args.add(url);
        Path out = Files.createTempFile(dataDir, "curl", ".out");
        Path err = Files.createTempFile(dataDir, "curl", ".err");
        Process process = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish: " + args);
        }
        return new Curl(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
