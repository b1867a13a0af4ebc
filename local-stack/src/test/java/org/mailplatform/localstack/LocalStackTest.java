package org.mailplatform.localstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.store.MailStore;
import org.mailplatform.testsupport.RequiredTool;
import org.mailplatform.testsupport.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack, as {@code ./local-stack.sh} runs it, against the test PostgreSQL (the
 * "existing server" option) with its own Kafka broker: every service answers over HTTP, and
 * closing the stack leaves no port open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalStackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dataDir;

    private LocalStack stack;
    private StackPorts ports;
    private final List<Integer> boundPorts = new ArrayList<>();

    @BeforeAll
    void startStack() {
        TestDatabase db = TestDatabase.get();
        ports = StackPorts.ephemeral();
        LocalStackSettings settings = new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), ports, false,
                Map.of("mailplatform.hostname", "mail.example.test"));
        stack = new LocalStack(settings).start();
        for (PlatformService service : PlatformService.values()) {
            boundPorts.add(stack.httpPort(service));
        }
        boundPorts.add(settings.ports().kafka());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyServiceReportsUpOnItsHealthEndpointAndProbes() throws Exception {
        for (PlatformService service : PlatformService.values()) {
            int port = stack.httpPort(service);
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> response = get(port, path);
                assertThat(response.statusCode()).as("%s %s", service.serviceName(), path).isEqualTo(200);
                assertThat(JsonMapper.shared().readTree(response.body()).path("status").asString())
                        .as("%s %s", service.serviceName(), path).isEqualTo("UP");
            }
        }
    }

    @Test
    void everyServiceRunsWithItsOwnConfigurationAndExportsMetrics() throws Exception {
        for (PlatformService service : PlatformService.values()) {
            HttpResponse<String> response = get(stack.httpPort(service), "/actuator/prometheus");
            assertThat(response.statusCode()).as(service.serviceName()).isEqualTo(200);
            // The tag comes from the service's own application.yml, not from whichever jar is first on the class path.
            assertThat(response.body()).as(service.serviceName()).contains("service=\"" + service.serviceName() + "\"");
        }
    }

    @Test
    void theSchemaIsMigratedAndTheDemoAccountsExist() {
        MailStore store = MailStore.create(stack.database().dataSource());
        assertThat(store.domains().isLocal(DemoAccounts.DOMAIN)).isTrue();
        assertThat(stack.demoCredentials().passwords()).containsOnlyKeys(DemoAccounts.ADDRESSES);
        for (String address : DemoAccounts.ADDRESSES) {
            assertThat(store.accounts().findByAddress(address)).as(address).isPresent();
        }
    }

    @Test
    void submissionServesTheStacksCertificate() throws Exception {
        MailListener implicitTls = PlatformService.MSA.mailListeners().stream()
                .filter(l -> l.tls() == MailListener.Tls.IMPLICIT).findFirst().orElseThrow();
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new AcceptAnyServer()}, null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", ports.mail(implicitTls))) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            byte[] served = socket.getSession().getPeerCertificates()[0].getEncoded();
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(served));
            assertThat(fingerprint).isEqualTo(stack.certificateFingerprint());
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            // The hostname came from the command line's pass-through properties.
            assertThat(greeting).startsWith("220 mail.example.test ");
        }
    }

    @Test
    void theAdminApiListsTheDemoAccountsForTheStacksTokenOnly() throws Exception {
        int mda = stack.httpPort(PlatformService.MDA);
        HttpRequest withToken = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mda + "/api/v1/accounts?domain=" + DemoAccounts.DOMAIN))
                .header("Authorization", "Bearer " + stack.adminToken()).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(withToken, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(DemoAccounts.ADDRESSES);
        assertThat(get(mda, "/api/v1/accounts").statusCode()).isEqualTo(401);
    }

    @Test
    void clientAutoconfigurationNamesTheStacksOwnMailPorts() throws Exception {
        RequiredTool.assumePresent(new File("/usr/bin/curl").canExecute(), "curl is not installed (.ci/run installs it)");
        MailListener imaps = PlatformService.IMAP.mailListeners().stream().filter(l -> l.name().equals("imaps")).findFirst().orElseThrow();
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "30",
                "--cacert", stack.certificateDirectory().resolve("tls.crt").toString(),
                "https://localhost:" + ports.autoconfig() + "/mail/config-v1.1.xml?emailaddress=alice%40" + DemoAccounts.DOMAIN)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String config = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(config).isZero();
        assertThat(config).contains("<emailProvider id=\"" + DemoAccounts.DOMAIN + "\">",
                "<hostname>mail.example.test</hostname>", "<port>" + ports.mail(imaps) + "</port>");
    }

    @Test
    void everyMailListenerIsOpenOnItsGivenPort() {
        for (PlatformService service : PlatformService.values()) {
            for (MailListener listener : service.mailListeners()) {
                assertThat(LocalPorts.isListening(ports.mail(listener))).as("%s %s", service.serviceName(), listener.name()).isTrue();
            }
        }
    }

    @Test
    void aMessageSubmittedByAliceReachesBobsImapInbox() throws Exception {
        String alice = DemoAccounts.ADDRESSES.get(0);
        String bob = DemoAccounts.ADDRESSES.get(1);
        String subject = "local stack " + UUID.randomUUID();

        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(ports.mail(PlatformService.MSA.mailListeners().getFirst())));
        smtp.put("mail.smtp.auth", "true");
        smtp.put("mail.smtp.starttls.enable", "true");
        smtp.put("mail.smtp.starttls.required", "true");
        smtp.put("mail.smtp.ssl.trust", "*");
        smtp.put("mail.smtp.timeout", "10000");
        Session submission = Session.getInstance(smtp);
        MimeMessage message = new MimeMessage(submission);
        message.setFrom(new InternetAddress(alice));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(bob));
        message.setSubject(subject);
        message.setText("Hi Bob");
        Transport.send(message, alice, stack.demoCredentials().passwords().get(alice));

        Properties imap = new Properties();
        imap.put("mail.imaps.ssl.trust", "*");
        imap.put("mail.imaps.timeout", "10000");
        MailListener imaps = PlatformService.IMAP.mailListeners().stream()
                .filter(l -> l.tls() == MailListener.Tls.IMPLICIT).findFirst().orElseThrow();
        Store store = Session.getInstance(imap).getStore("imaps");
        store.connect("127.0.0.1", ports.mail(imaps), bob, stack.demoCredentials().passwords().get(bob));
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    assertThat(Arrays.stream(inbox.getMessages()).map(LocalStackTest::subjectOf)).contains(subject);
                } finally {
                    inbox.close(false);
                }
            });
        } finally {
            store.close();
        }
    }

    private static String subjectOf(Message message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void servicesAreToldTheStacksDatabaseAndBroker() {
        assertThat(stack.database().jdbcUrl()).isEqualTo(TestDatabase.get().jdbcUrl());
        assertThat(stack.serviceProperties(PlatformService.MTA))
                .containsEntry("spring.datasource.url", TestDatabase.get().jdbcUrl())
                .containsEntry("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers())
                .containsEntry(LocalStack.LOCAL_DEV_PROPERTY, "true")
                .containsEntry("spring.flyway.enabled", "false");
        MailListener submissions = PlatformService.MSA.mailListeners().get(1);
        assertThat(stack.serviceProperties(PlatformService.MSA))
                .containsEntry("mailplatform.msa.listeners.submissions.port", String.valueOf(ports.mail(submissions)))
                .containsEntry("mailplatform.msa.listeners.submissions.tls", "IMPLICIT")
                .containsEntry("mailplatform.msa.bind-address", "127.0.0.1")
                .containsEntry("mailplatform.tls.certificate-dir", stack.certificateDirectory().toString());
        assertThat(stack.serviceProperties(PlatformService.MDA)).noneSatisfy((key, value) -> assertThat(key).contains(".listeners."));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closingTheStackFreesEveryPort() {
        assertThat(boundPorts).allMatch(LocalPorts::isListening, "listening while the stack runs");
        LocalStack running = stack;
        stack = null;
        running.close();
        assertThat(boundPorts).noneMatch(LocalPorts::isListening);
        assertThat(ports.mail().values()).noneMatch(LocalPorts::isListening);
    }

    /** The stack's certificate is self-signed; the test compares its fingerprint instead. */
    private static final class AcceptAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
