package org.mailplatform.mta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.Nsd;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DANE (RFC 7672) end to end with real DNSSEC: NSD serves {@code dane.test}, signed in the test,
 * whose DS record is the MTA's only trust anchor, and the unsigned {@code insecure.dane.test}
 * delegated from it without DS. Every MX points at one private Postfix with STARTTLS on loopback:
 * <ul>
 * <li>{@code good.dane.test}: a TLSA 3 1 1 record of Postfix's key;</li>
 * <li>{@code bad.dane.test}: a TLSA 3 1 1 record of another key;</li>
 * <li>{@code alias.dane.test}: the MX host is a CNAME; the TLSA record of Postfix's key is at the
 * name it leads to, a wrong one at the alias;</li>
 * <li>{@code pkix.dane.test}: only a PKIX-EE record, unusable for SMTP;</li>
 * <li>{@code bogus.dane.test}: a TLSA record of Postfix's key that was added after signing, so it is bogus;</li>
 * <li>{@code insecure.dane.test}: the same wrong record, but in an unsigned zone, so it does not count.</li>
 * </ul>
 * The outbound consumers need a JVM of their own (see the module's surefire executions); the
 * context is closed after the class, so that the other DANE tests' contexts do not share its groups.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mta.dane-client.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.outbound.enabled=true",
        "mailplatform.mta.relay.timeouts.connect=5s",
        "mailplatform.mta.relay.timeouts.greeting=10s",
        "mailplatform.mta.relay.timeouts.command=10s",
        "mailplatform.mta.relay.timeouts.data-init=10s",
        "mailplatform.mta.relay.timeouts.data-block=10s",
        "mailplatform.mta.relay.timeouts.data-end=10s",
        "mailplatform.mta.relay.dns-timeout=3s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
@DirtiesContext
class DaneDeliveryTest {

    static final String SENDER = "alice@sender.test";

    static final PostfixInstance POSTFIX = startPostfix();
    static final Nsd DNS = startDns();

    static TopicReader retries;

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void dns(DynamicPropertyRegistry registry) {
        registry.add("mailplatform.mta.relay.remote-port", () -> POSTFIX == null ? 9 : POSTFIX.port());
        registry.add("mailplatform.mta.relay.dns-servers", () -> DNS == null ? "127.0.0.1:9" : DNS.address());
        registry.add("mailplatform.mta.outbound.dane.trust-anchor", () -> DNS == null ? "" : DNS.trustAnchor().toString());
    }

    @BeforeAll
    static void toolsAreThere() {
        assumePresent(POSTFIX != null, "Postfix is not installed (Debian: apt-get install postfix) or this JVM is not root");
        assumePresent(DNS != null, "NSD or ldns is not installed (Debian: apt-get install nsd ldnsutils; .ci/run does it)");
        retries = new TopicReader(Arrays.stream(RetryTier.values()).map(RetryTier::topic).toList());
    }

    @AfterAll
    static void stop() {
        if (retries != null) {
            retries.close();
        }
        if (POSTFIX != null) {
            POSTFIX.close();
        }
        if (DNS != null) {
            DNS.close();
        }
    }

    @Test
    void aMatchingTlsaRecordOfTheMxGetsTheMailDeliveredOverVerifiedTls() throws Exception {
        double verifiedBefore = deliveries("verified");
        String subject = submit("good.dane.test");

        await().atMost(Duration.ofSeconds(30)).until(() -> stored("good", subject) != null);
        assertThat(stored("good", subject)).contains("(using TLSv1.");
        assertThat(deliveries("verified")).isGreaterThan(verifiedBefore);
        assertThat(meters.counter("mail.dane.lookups", "type", "tlsa", "status", "secure").count()).isPositive();
        // NSD passes the signatures along: the check of the trust anchor's DNSKEY records passed.
        assertThat(meters.get("mail.dane.available").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aTlsaRecordThatMatchesNothingDefersTheMailAndPostfixGetsNothing() throws Exception {
        double mismatchesBefore = deliveries("mismatch");
        String subject = submit("bad.dane.test");

        ConsumerRecord<byte[], byte[]> deferred = retries.await(r -> text(mail(r)).contains(subject), Duration.ofSeconds(30));
        Recipient recipient = mail(deferred).envelope().recipients().getFirst();
        assertThat(recipient.lastStatus()).startsWith("4.");
        assertThat(recipient.lastDiagnostic()).contains("DANE");
        assertThat(deliveries("mismatch")).isGreaterThan(mismatchesBefore);
        assertThat(POSTFIX.maildir("bad")).isEmpty();
        assertThat(POSTFIX.log()).doesNotContain("to=<bob@bad.dane.test>");
        assertThat(meters.get("mail.dane.available").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void behindACnameTheTlsaRecordsOfTheNameItLeadsToCountFirst() throws Exception {
        double verifiedBefore = deliveries("verified");
        String subject = submit("alias.dane.test");

        await().atMost(Duration.ofSeconds(30)).until(() -> stored("alias", subject) != null);
        assertThat(deliveries("verified")).isGreaterThan(verifiedBefore);
    }

    @Test
    void onlyPkixRecordsStillMakeTlsMandatoryButAuthenticateNothing() throws Exception {
        double encryptedBefore = deliveries("encrypted");
        String subject = submit("pkix.dane.test");

        await().atMost(Duration.ofSeconds(30)).until(() -> stored("pkix", subject) != null);
        assertThat(stored("pkix", subject)).contains("(using TLSv1.");
        assertThat(deliveries("encrypted")).isGreaterThan(encryptedBefore);
    }

    @Test
    void aBogusTlsaAnswerDefersTheMailEvenThoughTheRecordWouldMatch() throws Exception {
        String subject = submit("bogus.dane.test");

        ConsumerRecord<byte[], byte[]> deferred = retries.await(r -> text(mail(r)).contains(subject), Duration.ofSeconds(30));
        Recipient recipient = mail(deferred).envelope().recipients().getFirst();
        assertThat(recipient.lastStatus()).isEqualTo("4.7.5");
        assertThat(recipient.lastDiagnostic()).contains("DANE").contains("TLSA records of mx-bogus.dane.test");
        assertThat(meters.counter("mail.dane.lookups", "type", "tlsa", "status", "bogus").count()).isPositive();
        // Bogus for this domain alone while the servers pass DNSSEC along: RFC 7672 2.1.1 holds.
        assertThat(meters.get("mail.dane.available").gauge().value()).isEqualTo(1.0);
        assertThat(POSTFIX.maildir("bogus")).isEmpty();
        assertThat(POSTFIX.log()).doesNotContain("to=<bob@bogus.dane.test>");
    }

    @Test
    void anUnsignedZoneKeepsOpportunisticTlsAndItsTlsaRecordsCountForNothing() throws Exception {
        String subject = submit("insecure.dane.test");

        await().atMost(Duration.ofSeconds(30)).until(() -> stored("insecure", subject) != null);
        assertThat(stored("insecure", subject)).contains("(using TLSv1.");
        assertThat(meters.counter("mail.dane.lookups", "type", "mx", "status", "insecure").count()).isPositive();
    }

    private String submit(String domain) throws Exception {
        String subject = "DANE " + domain + " " + UUID.randomUUID();
        String queueId = QueueIds.next();
        MailEnvelope envelope = MailEnvelope.builder().queueId(queueId).traceId(queueId).mailFrom(SENDER)
                .recipients(List.of(Recipient.of("bob@" + domain))).receivedAt(Instant.now()).build();
        publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope,
                ("From: " + SENDER + "\r\nTo: bob@" + domain + "\r\nSubject: " + subject + "\r\n\r\nPinned.\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        return subject;
    }

    private double deliveries(String outcome) {
        return meters.counter("mail.dane.deliveries", "outcome", outcome).count();
    }

    private static String stored(String mailbox, String subject) {
        return POSTFIX.maildir(mailbox).stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .filter(m -> m.contains("Subject: " + subject + "\n")).findFirst().orElse(null);
    }

    private static MailRecord mail(ConsumerRecord<byte[], byte[]> record) {
        return MailRecordCodec.decode(record.value());
    }

    private static String text(MailRecord r) {
        return new String(r.message(), StandardCharsets.UTF_8);
    }

    private static PostfixInstance startPostfix() {
        if (!PostfixInstance.available()) {
            return null;
        }
        try {
            // One Postfix is the MX of all three domains, each with a mailbox of its own.
            return PostfixInstance.start(freePort(), "good.dane.test", List.of("bob"), "unused.test", 9, List.of(
                    "virtual_mailbox_domains = good.dane.test, bad.dane.test, alias.dane.test, pkix.dane.test, "
                            + "bogus.dane.test, insecure.dane.test",
                    "virtual_mailbox_maps = inline:{ bob@good.dane.test=good/, bob@bad.dane.test=bad/, "
                            + "bob@alias.dane.test=alias/, bob@pkix.dane.test=pkix/, "
                            + "bob@bogus.dane.test=bogus/, bob@insecure.dane.test=insecure/ }"));
        } catch (IOException e) {
            throw new IllegalStateException("Postfix is installed but did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Nsd startDns() {
        if (POSTFIX == null || !Nsd.available()) {
            return null;
        }
        try {
            String pinned = spkiSha256(POSTFIX);
            String other = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest("some other key".getBytes(StandardCharsets.US_ASCII)));
            return Nsd.start(List.of(
                    new Nsd.Zone("dane.test", List.of(
                            "ns IN A 127.0.0.1",
                            "good IN MX 10 mx-good",
                            "mx-good IN A 127.0.0.1",
                            "_25._tcp.mx-good IN TLSA 3 1 1 " + pinned,
                            "bad IN MX 10 mx-bad",
                            "mx-bad IN A 127.0.0.1",
                            "_25._tcp.mx-bad IN TLSA 3 1 1 " + other,
                            // Delegated without a DS record: provably unsigned (RFC 4035 5.2).
                            "insecure IN NS ns.dane.test.",
                            "alias IN MX 10 mx-alias",
                            "mx-alias IN CNAME mx-real",
                            "mx-real IN A 127.0.0.1",
                            "_25._tcp.mx-real IN TLSA 3 1 1 " + pinned,
                            "_25._tcp.mx-alias IN TLSA 3 1 1 " + other,
                            "pkix IN MX 10 mx-pkix",
                            "mx-pkix IN A 127.0.0.1",
                            "_25._tcp.mx-pkix IN TLSA 1 1 1 " + other,
                            "bogus IN MX 10 mx-bogus",
                            "mx-bogus IN A 127.0.0.1"), true,
                            List.of("_25._tcp.mx-bogus IN TLSA 3 1 1 " + pinned)),
                    new Nsd.Zone("insecure.dane.test", List.of(
                            "@ IN MX 10 mx",
                            "mx IN A 127.0.0.1",
                            "_25._tcp.mx IN TLSA 3 1 1 " + other), false)));
        } catch (Exception e) {
            throw new IllegalStateException("NSD is installed but did not start", e);
        }
    }

    /** The certificate association data of a 3 1 1 record (RFC 6698 2.1): SHA-256 of the SubjectPublicKeyInfo. */
    private static String spkiSha256(PostfixInstance postfix) throws Exception {
        try (InputStream in = Files.newInputStream(postfix.certificate())) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
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
