package org.mailplatform.mta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimKeyDirectory;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Our outbound DKIM signatures as an independent verifier judges them: the MTA signs submitted
 * mail from example.test with an RSA and an Ed25519 key from its key directory and relays it to
 * Postfix, whose milter OpenDKIM looks both public keys up in real DNS (dnsmasq) and records one
 * verdict per signature in Authentication-Results. Runs in a JVM of its own (its own outbound
 * consumers, see the POM).
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mta.interop.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.outbound.enabled=true",
        "mailplatform.mta.relay.timeouts.connect=5s",
        "mailplatform.mta.relay.timeouts.greeting=10s",
        "mailplatform.mta.relay.timeouts.command=10s",
        "mailplatform.mta.relay.timeouts.data-init=10s",
        "mailplatform.mta.relay.timeouts.data-block=10s",
        "mailplatform.mta.relay.timeouts.data-end=30s",
        // Routes by transport table, where DANE does not apply: off, so that no DNS server beyond loopback is asked.
        "mailplatform.mta.outbound.dane.enabled=false",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
@ExtendWith(DkimSignatureInteropTest.LogsOnFailure.class)
class DkimSignatureInteropTest {

    static final String POSTFIX_DOMAIN = DkimVerifyingPeer.DOMAIN;
    static final String OUR_DOMAIN = "example.test";
    /** A domain we sign for whose published key does not match: OpenDKIM must say fail. */
    static final String MISPUBLISHED_DOMAIN = "mispublished.test";

    static final Instant NOW = Instant.now();
    static final DkimKey RSA = DkimKey.generate(OUR_DOMAIN, "r2026", DkimAlgorithm.RSA_SHA256, NOW);
    static final DkimKey ED25519 = DkimKey.generate(OUR_DOMAIN, "e2026", DkimAlgorithm.ED25519_SHA256, NOW);
    static final DkimKey MISPUBLISHED = DkimKey.generate(MISPUBLISHED_DOMAIN, "m1", DkimAlgorithm.ED25519_SHA256, NOW);
    static final DkimKey PUBLISHED_INSTEAD = DkimKey.generate(MISPUBLISHED_DOMAIN, "m1", DkimAlgorithm.ED25519_SHA256, NOW);

    static final boolean TOOLS = DkimVerifyingPeer.available();
    static final Path KEYS = TOOLS ? writeKeys() : null;
    static final DkimVerifyingPeer PEER = TOOLS ? startPeer() : null;

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        if (TOOLS) {
            registry.add("mailplatform.dkim.keys-dir", KEYS::toString);
            registry.add("mailplatform.mta.relay.transports[" + POSTFIX_DOMAIN + "]", () -> "127.0.0.1:" + PEER.port());
        }
    }

    @BeforeAll
    static void toolsAreThere() {
        assumePresent(TOOLS, "Postfix, OpenDKIM and dnsmasq are needed (Debian: apt-get install postfix opendkim dnsmasq-base),"
                + " and Postfix must start as root");
    }

    @AfterAll
    static void stop() {
        if (PEER != null) {
            PEER.close();
        }
    }

    @Test
    void submittedMailArrivesWithAnRsaAndAnEd25519SignatureThatOpenDkimVerifiesAsPass() throws Exception {
        String subject = "signed " + UUID.randomUUID();
        // Relaxed canonicalisation must survive what Postfix does to a message: LF line ends in the Maildir,
        // a line with a leading dot, trailing white space, a folded To.
        String message = "From: Alice <alice@" + OUR_DOMAIN + ">\r\n"
                + "To: Bob <bob@" + POSTFIX_DOMAIN + ">,\r\n\tCarol <carol@" + POSTFIX_DOMAIN + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Mon, 7 Dec 2026 01:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + OUR_DOMAIN + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello Bob,   \r\n.A line that starts with a dot.\r\n\r\nAlice\r\n\r\n\r\n";
        submit(envelope("alice@" + OUR_DOMAIN, "alice@" + OUR_DOMAIN), message);

        String stored = awaitStored(subject);
        List<String> results = dkimResults(stored);
        assertThat(results).as("OpenDKIM's verdicts in\n%s", stored).hasSize(2);
        assertThat(results).anySatisfy(r -> assertThat(r).startsWith("dkim=pass")
                .contains("header.d=" + OUR_DOMAIN).contains("header.s=r2026").contains("header.a=rsa-sha256"));
        assertThat(results).anySatisfy(r -> assertThat(r).startsWith("dkim=pass")
                .contains("header.d=" + OUR_DOMAIN).contains("header.s=e2026").contains("header.a=ed25519-sha256"));
        assertThat(stored.replaceAll("\n[ \t]+", " ")).contains("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=r2026;")
                .contains("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.test; s=e2026;");

        assertThat(meters.counter("mail.mta.dkim.signed", "domain", OUR_DOMAIN, "algorithm", "rsa-sha256").count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.counter("mail.mta.dkim.signed", "domain", OUR_DOMAIN, "algorithm", "ed25519-sha256").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aSignatureWhoseDnsKeyDoesNotMatchFailsAtThePeer() throws Exception {
        String subject = "mispublished " + UUID.randomUUID();
        submit(envelope("dave@" + MISPUBLISHED_DOMAIN, "dave@" + MISPUBLISHED_DOMAIN),
                "From: dave@" + MISPUBLISHED_DOMAIN + "\r\nTo: bob@" + POSTFIX_DOMAIN + "\r\nSubject: " + subject
                        + "\r\n\r\nThe verifier really checks.\r\n");

        List<String> results = dkimResults(awaitStored(subject));
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).startsWith("dkim=fail").contains("header.d=" + MISPUBLISHED_DOMAIN);
    }

    @Test
    void mailNotSubmittedByAnAuthenticatedUserIsNotSigned() throws Exception {
        String subject = "forwarded " + UUID.randomUUID();
        // As the MDA forwards to a remote alias target: no authenticated user.
        submit(envelope("carol@elsewhere.test", null), "From: alice@" + OUR_DOMAIN + "\r\nTo: bob@" + POSTFIX_DOMAIN
                + "\r\nSubject: " + subject + "\r\n\r\nNot ours to vouch for.\r\n");

        String stored = awaitStored(subject);
        assertThat(stored).doesNotContain("DKIM-Signature:");
        assertThat(dkimResults(stored)).singleElement().asString().startsWith("dkim=none");
    }

    private void submit(MailEnvelope envelope, String message) throws Exception {
        publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static MailEnvelope envelope(String from, String authenticatedUser) {
        String queueId = QueueIds.next();
        return MailEnvelope.builder().queueId(queueId).traceId(queueId).mailFrom(from).authenticatedUser(authenticatedUser)
                .recipients(List.of(Recipient.of("bob@" + POSTFIX_DOMAIN))).receivedAt(Instant.now()).build();
    }

    private static String awaitStored(String subject) {
        return PEER.awaitStored(subject, Duration.ofSeconds(30));
    }

    private static List<String> dkimResults(String stored) {
        return DkimVerifyingPeer.dkimResults(stored);
    }

    private static Path writeKeys() {
        try {
            Path dir = Files.createTempDirectory("dkim-keys");
            for (DkimKey key : List.of(RSA, ED25519, MISPUBLISHED)) {
                Path file = dir.resolve(DkimKeyDirectory.fileName(key.domain(), key.selector()));
                Files.writeString(file, key.privateKeyPem());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DkimVerifyingPeer startPeer() {
        try {
            return DkimVerifyingPeer.start(List.of(RSA, ED25519, PUBLISHED_INSTEAD));
        } catch (IOException e) {
            throw new IllegalStateException("the DKIM peer did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A failed test shows what Postfix and OpenDKIM said. */
    static final class LogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (PEER != null) {
                System.err.println("At the failure of " + context.getDisplayName() + ":\n" + PEER.logs());
            }
        }
    }
}
