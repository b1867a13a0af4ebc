package org.mailplatform.mta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.dns.DnsResolver;
import org.mailplatform.mta.outbound.https.HttpsClient;
import org.mailplatform.mta.outbound.sts.StsMetrics;
import org.mailplatform.mta.outbound.sts.StsMode;
import org.mailplatform.mta.outbound.sts.StsPolicies;
import org.mailplatform.mta.outbound.sts.StsPolicy;
import org.mailplatform.mta.outbound.sts.StsPolicyFetcher;
import org.mailplatform.mta.outbound.tlsrpt.TlsReportSender;
import org.mailplatform.mta.outbound.tlsrpt.TlsSessionRecorder;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.mailplatform.store.transport.CachedStsPolicy;
import org.mailplatform.store.transport.MtaStsPolicyRepository;
import org.mailplatform.store.transport.TlsReportRepository;
import org.mailplatform.testsupport.Dnsmasq;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MTA-STS (RFC 8461) and TLS reporting (RFC 8460) against real parts on loopback: dnsmasq publishes
 * the MX, {@code _mta-sts} and {@code _smtp._tls} records, the JDK's HTTPS server is every policy
 * host (its certificate from a test CA), and one Postfix is the receiving MTA on three addresses:
 * <ul>
 * <li>127.0.0.1: STARTTLS with a certificate from the test CA for {@code mx.good.sts.test};</li>
 * <li>127.0.0.2: no STARTTLS;</li>
 * <li>127.0.0.3: STARTTLS with a self-signed certificate.</li>
 * </ul>
 * This JVM's outbound consumers are the only ones (the test runs in a fork of its own).
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mta.sts.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.outbound.enabled=true",
        // Deferred mail stays deferred for the test's length: each domain sees exactly one attempt.
        "mailplatform.mta.outbound.retry-delays=1h,1h,1h,1h,1h,1h",
        "mailplatform.mta.outbound.tls-rpt.organization-name=Mail Platform Tests",
        "mailplatform.mta.outbound.tls-rpt.contact-info=tls-reports@mta.sts.test",
        "mailplatform.mta.relay.timeouts.connect=5s",
        "mailplatform.mta.relay.timeouts.greeting=10s",
        "mailplatform.mta.relay.timeouts.command=10s",
        "mailplatform.mta.relay.timeouts.data-init=10s",
        "mailplatform.mta.relay.timeouts.data-block=10s",
        "mailplatform.mta.relay.timeouts.data-end=10s",
        "mailplatform.mta.relay.dns-timeout=2s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class MtaStsInteropTest {

    static final String GOOD = "good.sts.test";
    static final String PLAIN = "plain.sts.test";
    static final String UNTRUSTED = "untrusted.sts.test";
    static final String MISMATCH = "mismatch.sts.test";
    static final String TESTING = "testing.sts.test";
    static final String OUTSIDE = "outside.sts.test";
    static final String CACHED = "cache.sts.test";
    static final String REPORTS = "reports.sts.test";
    static final List<String> POLICY_DOMAINS = List.of(GOOD, PLAIN, UNTRUSTED, MISMATCH, TESTING, OUTSIDE, CACHED);

    static final int SMTP_PORT = freePort();
    static final TestCa CA;
    static final PolicyHost POLICIES;
    static final PostfixInstance POSTFIX;
    static final Dnsmasq DNS;

    static {
        TestCa ca = null;
        PolicyHost policies = null;
        PostfixInstance postfix = null;
        Dnsmasq dns = null;
        if (PostfixInstance.available() && Dnsmasq.available()) {
            try {
                ca = TestCa.create();
                policies = new PolicyHost(ca.serverContext(ca.issue("policy-hosts", policyHostNames())));
                postfix = startPostfix(ca);
                dns = startDns(policies.port());
            } catch (Exception e) {
                throw new IllegalStateException("the MTA-STS peers did not start", e);
            }
        }
        CA = ca;
        POLICIES = policies;
        POSTFIX = postfix;
        DNS = dns;
    }

    static TopicReader retries;

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    TlsReportSender reports;
    @Autowired
    TlsReportRepository reportCounts;
    @Autowired
    DnsResolver dnsResolver;
    @Autowired
    HttpsClient https;
    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("mailplatform.mta.relay.remote-port", () -> SMTP_PORT);
        registry.add("mailplatform.mta.relay.dns-servers", () -> DNS == null ? "127.0.0.1:9" : DNS.address());
        registry.add("mailplatform.mta.outbound.mta-sts.ca-file", () -> CA == null ? "" : CA.certificateFile().toString());
        registry.add("mailplatform.mta.outbound.mta-sts.policy-port", () -> POLICIES == null ? 443 : POLICIES.port());
        registry.add("mailplatform.mta.outbound.mta-sts.fetch-timeout", () -> "5s");
    }

    @BeforeAll
    static void peersAreThere() {
        assumePresent(POSTFIX != null, "Postfix or dnsmasq is not installed (Debian: apt-get install postfix dnsmasq-base)"
                + " or this JVM is not root");
        retries = new TopicReader(java.util.Arrays.stream(RetryTier.values()).map(RetryTier::topic).toList());
    }

    @AfterAll
    static void stopPeers() {
        if (retries != null) {
            retries.close();
        }
        for (AutoCloseable peer : new AutoCloseable[] {POSTFIX, POLICIES, DNS}) {
            try {
                if (peer != null) {
                    peer.close();
                }
            } catch (Exception e) {
                // the JVM ends next
            }
        }
    }

    @Test
    void enforceRefusesPeersWithoutValidTlsTestingDeliversAndTheSessionsAreReported() throws Exception {
        Map<String, MailEnvelope> sent = new HashMap<>();
        for (String domain : List.of(GOOD, PLAIN, UNTRUSTED, MISMATCH, TESTING, OUTSIDE)) {
            sent.put(domain, submit("user@" + domain));
        }

        // enforce with a certificate from the trusted CA naming the MX, and testing mode: delivered.
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(sent.get(GOOD)) != null && stored(sent.get(TESTING)) != null);
        assertThat(stored(sent.get(GOOD))).contains("(using TLSv1.");

        // enforce without STARTTLS, with an untrusted or a mismatched certificate, or with an MX
        // outside the policy: deferred (4.7.x, retried later), nothing reaches the peer.
        assertThat(deferral(sent.get(PLAIN))).startsWith("4.7.4").contains("not offered");
        assertThat(deferral(sent.get(UNTRUSTED))).startsWith("4.7.5").contains("PKIX path");
        assertThat(deferral(sent.get(MISMATCH))).startsWith("4.7.5").contains("mx.mismatch.sts.test");
        assertThat(deferral(sent.get(OUTSIDE))).startsWith("4.7.4").contains("MTA-STS policy");
        for (String domain : List.of(PLAIN, UNTRUSTED, MISMATCH, OUTSIDE)) {
            assertThat(stored(sent.get(domain))).as(domain).isNull();
        }
        assertThat(meters.counter("mail.mta.sts.policy.fetches", "outcome", "fetched").count()).isGreaterThanOrEqualTo(6);
        assertThat(meters.counter("mail.mta.sts.deliveries", "mode", "enforce", "result", "verified").count()).isEqualTo(1);
        assertThat(meters.counter("mail.mta.sts.deliveries", "mode", "enforce", "result", "failed").count()).isEqualTo(3);
        assertThat(meters.counter("mail.mta.sts.deliveries", "mode", "testing", "result", "failed").count()).isEqualTo(1);

        // The day's reports: by mail through the outbound queue into Postfix, and by HTTPS POST.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(reports.send(today)).isEqualTo(6);
        Map<String, JsonNode> mailed = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            mailed.putAll(mailedReports());
            return mailed.keySet().containsAll(List.of(GOOD, PLAIN, UNTRUSTED, MISMATCH, TESTING));
        });
        assertThat(policy(mailed.get(GOOD), "enforce")).isEqualTo(new Summary(1, 0, List.of()));
        assertThat(mailed.get(GOOD).at("/policies/0/policy/mx-host/0").asString()).isEqualTo("*.good.sts.test");
        assertThat(policy(mailed.get(PLAIN), "enforce"))
                .isEqualTo(new Summary(0, 1, List.of("starttls-not-supported mx.plain.sts.test 127.0.0.2 1")));
        assertThat(policy(mailed.get(UNTRUSTED), "enforce"))
                .isEqualTo(new Summary(0, 1, List.of("certificate-not-trusted mx.untrusted.sts.test 127.0.0.3 1")));
        assertThat(policy(mailed.get(MISMATCH), "enforce"))
                .isEqualTo(new Summary(0, 1, List.of("certificate-host-mismatch mx.mismatch.sts.test 127.0.0.1 1")));
        assertThat(policy(mailed.get(TESTING), "testing"))
                .isEqualTo(new Summary(0, 1, List.of("certificate-not-trusted mx.testing.sts.test 127.0.0.3 1")));
        JsonNode good = mailed.get(GOOD);
        assertThat(good.path("organization-name").asString()).isEqualTo("Mail Platform Tests");
        assertThat(good.path("contact-info").asString()).isEqualTo("tls-reports@mta.sts.test");
        assertThat(good.at("/date-range/start-datetime").asString()).isEqualTo(today + "T00:00:00Z");
        assertThat(good.at("/date-range/end-datetime").asString()).isEqualTo(today + "T23:59:59Z");
        assertThat(good.path("report-id").asString()).isNotBlank();

        PolicyHost.Post post = POLICIES.posts().stream().filter(p -> p.host().equals(REPORTS)).findFirst().orElseThrow();
        assertThat(post.path()).isEqualTo("/tlsrpt");
        assertThat(post.contentType()).isEqualTo("application/tlsrpt+gzip");
        assertThat(policy(json(gunzip(post.body())), "enforce"))
                .isEqualTo(new Summary(0, 1, List.of("validation-failure mx.outside.sts.test 127.0.0.1 1")));

        // Reported days are not reported again.
        assertThat(reportCounts.counts(today, GOOD)).isEmpty();
        assertThat(reports.send(today)).isZero();
    }

    @Test
    void aFailedRefreshKeepsTheUnexpiredCachedPolicyAndRedirectsAreNotFollowed() {
        MtaStsPolicyRepository cache = new MtaStsPolicyRepository(JdbcClient.create(dataSource));
        StsPolicies policies = new StsPolicies(dnsResolver, cache, new StsPolicyFetcher(https, POLICIES.port()),
                TlsSessionRecorder.NONE, new StsMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        String cachedText = policyText("enforce", "mx.cache.sts.test");
        Instant now = Instant.now();

        // An expired cached policy is no policy once the refresh fails (RFC 8461 5.1).
        cache.save(new CachedStsPolicy(CACHED, "1", cachedText, now.minusSeconds(7200), now.minusSeconds(1)));
        POLICIES.answer(CACHED, new PolicyHost.Answer(404, "text/plain", new byte[0], null));
        assertThat(policies.policyFor(CACHED)).isEmpty();

        // The TXT id (2) differs from the cached one (1): a refresh, which fails; the cached policy stays.
        cache.save(new CachedStsPolicy(CACHED, "1", cachedText, now.minusSeconds(60), now.plusSeconds(3600)));
        POLICIES.answer(CACHED, new PolicyHost.Answer(500, "text/plain", new byte[0], null));
        assertThat(policies.policyFor(CACHED)).map(StsPolicy::text).contains(cachedText);

        // Not followed: a redirect, a wrong media type, a policy over 64 KiB.
        POLICIES.answer(CACHED, new PolicyHost.Answer(301, null, new byte[0], "https://mta-sts.good.sts.test/.well-known/mta-sts.txt"));
        assertThat(policies.policyFor(CACHED)).map(StsPolicy::text).contains(cachedText);
        POLICIES.answer(CACHED, new PolicyHost.Answer(200, "text/html", policyText("testing", "x.cache.sts.test")
                .getBytes(StandardCharsets.UTF_8), null));
        assertThat(policies.policyFor(CACHED)).map(StsPolicy::text).contains(cachedText);
        POLICIES.answer(CACHED, PolicyHost.Answer.policy(policyText("testing", "x.cache.sts.test") + "x: " + "y".repeat(70_000) + "\n"));
        assertThat(policies.policyFor(CACHED)).map(StsPolicy::text).contains(cachedText);

        // A policy that can be fetched replaces the cached one, under the new id.
        String fresh = policyText("testing", "*.cache.sts.test");
        POLICIES.answer(CACHED, PolicyHost.Answer.policy(fresh));
        Optional<StsPolicy> refreshed = policies.policyFor(CACHED);
        assertThat(refreshed).map(StsPolicy::mode).contains(StsMode.TESTING);
        assertThat(cache.find(CACHED)).map(CachedStsPolicy::policyId).contains("2");

    }

    record Summary(long successes, long failures, List<String> details) {
    }

    /** The report's single policy: its mode, counts and failure details. */
    private static Summary policy(JsonNode report, String mode) {
        assertThat(report.path("policies").size()).isEqualTo(1);
        JsonNode policy = report.path("policies").get(0);
        assertThat(policy.at("/policy/policy-type").asString()).isEqualTo("sts");
        List<String> lines = new ArrayList<>();
        policy.at("/policy/policy-string").values().forEach(line -> lines.add(line.asString()));
        assertThat(lines).contains("version: STSv1", "mode: " + mode);
        List<String> failures = new ArrayList<>();
        policy.path("failure-details").values().forEach(d -> failures.add(d.path("result-type").asString() + " "
                + d.path("receiving-mx-hostname").asString() + " " + d.path("receiving-ip").asString() + " "
                + d.path("failed-session-count").asLong()));
        return new Summary(policy.at("/summary/total-successful-session-count").asLong(),
                policy.at("/summary/total-failure-session-count").asLong(), failures);
    }

    /** The reports in Postfix's mailbox by TLS-Report-Domain, checked for RFC 8460 5.3's form. */
    private static Map<String, JsonNode> mailedReports() throws Exception {
        Map<String, JsonNode> found = new HashMap<>();
        for (byte[] raw : POSTFIX.maildir("all")) {
            MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw));
            String domain = message.getHeader("TLS-Report-Domain", null);
            if (domain == null) {
                continue;
            }
            assertThat(message.getHeader("TLS-Report-Submitter", null)).isEqualTo("mta.sts.test");
            assertThat(message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString())
                    .isEqualTo("tlsrpt@" + REPORTS);
            assertThat(message.getSubject()).startsWith("Report Domain: " + domain + " Submitter: mta.sts.test Report-ID: <");
            assertThat(message.getContentType()).startsWith("multipart/report").contains("report-type=\"tlsrpt\"");
            MimeMultipart parts = (MimeMultipart) message.getContent();
            BodyPart report = parts.getBodyPart(1);
            assertThat(report.getContentType()).isEqualTo("application/tlsrpt+gzip");
            assertThat(report.getFileName()).startsWith("mta.sts.test!" + domain + "!").endsWith(".json.gz");
            try (InputStream in = report.getInputStream()) {
                found.put(domain, json(gunzip(in.readAllBytes())));
            }
        }
        return found;
    }

    private MailEnvelope submit(String to) throws Exception {
        String queueId = QueueIds.next();
        MailEnvelope envelope = MailEnvelope.builder()
                .queueId(queueId)
                .traceId(queueId)
                .mailFrom("alice@mta.sts.test")
                .recipients(List.of(Recipient.of(to)))
                .receivedAt(Instant.now())
                .build();
        String message = "From: alice@mta.sts.test\r\nTo: " + to + "\r\nSubject: " + subject(envelope)
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@mta.sts.test>\r\n\r\nOver MTA-STS, or not at all.\r\n";
        publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope, message.getBytes(StandardCharsets.UTF_8)));
        return envelope;
    }

    private static String subject(MailEnvelope envelope) {
        return "sts " + envelope.queueId();
    }

    /** The message as Postfix stored it, or null. */
    private static String stored(MailEnvelope envelope) {
        return POSTFIX.maildir("all").stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .filter(m -> m.contains("Subject: " + subject(envelope) + "\n")).findFirst().orElse(null);
    }

    /** The status and diagnostic of the message's deferral, from its record on a retry topic. */
    private static String deferral(MailEnvelope envelope) {
        ConsumerRecord<byte[], byte[]> record = retries.await(
                r -> MailRecordCodec.decode(r.value()).queueId().startsWith(envelope.queueId()), Duration.ofSeconds(60));
        Recipient recipient = MailRecordCodec.decode(record.value()).envelope().recipients().getFirst();
        return recipient.lastStatus() + " " + recipient.lastDiagnostic();
    }

    private static JsonNode json(byte[] data) {
        return JsonMapper.builder().build().readTree(data);
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    private static String policyText(String mode, String mx) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + mx + "\r\nmax_age: 86400\r\n";
    }

    private static List<String> policyHostNames() {
        List<String> names = new ArrayList<>(POLICY_DOMAINS.stream().map(d -> "mta-sts." + d).toList());
        names.add(REPORTS);
        return names;
    }

    private static PostfixInstance startPostfix(TestCa ca) throws Exception {
        TestCa.Issued good = ca.issue("mx-good", List.of("mx.good.sts.test"));
        TestCa.Issued selfSigned = ca.selfSigned("mx-self-signed", List.of("mx.untrusted.sts.test", "mx.testing.sts.test"));
        List<String> settings = List.of(
                "virtual_mailbox_domains = " + String.join(", ", List.of(GOOD, PLAIN, UNTRUSTED, MISMATCH, TESTING, OUTSIDE, REPORTS)),
                "virtual_mailbox_maps = static:all/",
                "smtpd_tls_cert_file = " + good.certificate(),
                "smtpd_tls_key_file = " + good.key());
        List<String> services = List.of(
                "127.0.0.2:" + SMTP_PORT + " inet n - n - - smtpd -o smtpd_tls_security_level=none",
                "127.0.0.3:" + SMTP_PORT + " inet n - n - - smtpd -o smtpd_tls_cert_file=" + selfSigned.certificate()
                        + " -o smtpd_tls_key_file=" + selfSigned.key());
        PostfixInstance postfix = PostfixInstance.start(SMTP_PORT, GOOD, List.of("user"), "relay.sts.test", 9, settings, services);
        // Postfix answers on the extra addresses too before the test starts. Polled in this thread:
        // a condition on another thread could not call into this class while it is being initialized.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(greets("127.0.0.2") && greets("127.0.0.3"))) {
            if (System.nanoTime() > deadline) {
                postfix.close();
                throw new IllegalStateException("Postfix does not answer on 127.0.0.2 and 127.0.0.3:\n" + postfix.log());
            }
            Thread.sleep(100);
        }
        return postfix;
    }

    private static boolean greets(String address) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, SMTP_PORT), 1000);
            s.setSoTimeout(5000);
            return new String(s.getInputStream().readNBytes(3), StandardCharsets.US_ASCII).equals("220");
        } catch (IOException e) {
            return false;
        }
    }

    private static Dnsmasq startDns(int httpsPort) throws Exception {
        List<String> records = new ArrayList<>();
        Map<String, String> mx = Map.of(GOOD, "127.0.0.1", PLAIN, "127.0.0.2", UNTRUSTED, "127.0.0.3",
                MISMATCH, "127.0.0.1", TESTING, "127.0.0.3", OUTSIDE, "127.0.0.1");
        mx.forEach((domain, address) -> {
            records.add("--mx-host=" + domain + ",mx." + domain + ",10");
            records.add("--host-record=mx." + domain + "," + address);
        });
        for (String domain : POLICY_DOMAINS) {
            records.add("--host-record=mta-sts." + domain + ",127.0.0.1");
            records.add(Dnsmasq.txtRecord("_mta-sts." + domain, "v=STSv1; id=" + (domain.equals(CACHED) ? "2" : "1")));
        }
        for (String domain : List.of(GOOD, PLAIN, UNTRUSTED, MISMATCH, TESTING)) {
            records.add(Dnsmasq.txtRecord("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tlsrpt@" + REPORTS));
        }
        records.add(Dnsmasq.txtRecord("_smtp._tls." + OUTSIDE, "v=TLSRPTv1; rua=https://" + REPORTS + ":" + httpsPort + "/tlsrpt"));
        records.add("--mx-host=" + REPORTS + ",mx." + GOOD + ",10");
        records.add("--host-record=" + REPORTS + ",127.0.0.1");
        return Dnsmasq.start(records);
    }

    static {
        if (POLICIES != null) {
            POLICIES.answer(GOOD, PolicyHost.Answer.policy(policyText("enforce", "*.good.sts.test")));
            POLICIES.answer(PLAIN, PolicyHost.Answer.policy(policyText("enforce", "mx.plain.sts.test")));
            POLICIES.answer(UNTRUSTED, PolicyHost.Answer.policy(policyText("enforce", "mx.untrusted.sts.test")));
            POLICIES.answer(MISMATCH, PolicyHost.Answer.policy(policyText("enforce", "mx.mismatch.sts.test")));
            POLICIES.answer(TESTING, PolicyHost.Answer.policy(policyText("testing", "mx.testing.sts.test")));
            POLICIES.answer(OUTSIDE, PolicyHost.Answer.policy(policyText("enforce", "mx.elsewhere.sts.test")));
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
