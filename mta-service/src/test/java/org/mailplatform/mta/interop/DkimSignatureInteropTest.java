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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.mailplatform.mta.testing.Dnsmasq;
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
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
@ExtendWith(DkimSignatureInteropTest.LogsOnFailure.class)
class DkimSignatureInteropTest {

    static final String POSTFIX_DOMAIN = "postfix.test";
    static final String OUR_DOMAIN = "example.test";
    /** A domain we sign for whose published key does not match: OpenDKIM must say fail. */
    static final String MISPUBLISHED_DOMAIN = "mispublished.test";

    static final Instant NOW = Instant.now();
    static final DkimKey RSA = DkimKey.generate(OUR_DOMAIN, "r2026", DkimAlgorithm.RSA_SHA256, NOW);
    static final DkimKey ED25519 = DkimKey.generate(OUR_DOMAIN, "e2026", DkimAlgorithm.ED25519_SHA256, NOW);
    static final DkimKey MISPUBLISHED = DkimKey.generate(MISPUBLISHED_DOMAIN, "m1", DkimAlgorithm.ED25519_SHA256, NOW);
    static final DkimKey PUBLISHED_INSTEAD = DkimKey.generate(MISPUBLISHED_DOMAIN, "m1", DkimAlgorithm.ED25519_SHA256, NOW);

    static final boolean TOOLS = PostfixInstance.available() && OpenDkimVerifier.available() && Dnsmasq.available();
    static final Path KEYS = TOOLS ? writeKeys() : null;
    static final Dnsmasq DNS = TOOLS ? startDns() : null;
    static final OpenDkimVerifier OPENDKIM = TOOLS ? startOpenDkim() : null;
    static final PostfixInstance POSTFIX = TOOLS ? startPostfix() : null;

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        if (TOOLS) {
            registry.add("mailplatform.dkim.keys-dir", KEYS::toString);
            registry.add("mailplatform.mta.relay.transports[" + POSTFIX_DOMAIN + "]", () -> "127.0.0.1:" + POSTFIX.port());
        }
    }

    @BeforeAll
    static void toolsAreThere() {
        assumePresent(TOOLS, "Postfix, OpenDKIM and dnsmasq are needed (Debian: apt-get install postfix opendkim dnsmasq-base),"
                + " and Postfix must start as root");
    }

    @AfterAll
    static void stop() {
        if (POSTFIX != null) {
            POSTFIX.close();
        }
        if (OPENDKIM != null) {
            OPENDKIM.close();
        }
        if (DNS != null) {
            DNS.close();
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
        assertThat(stored).contains("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=r2026;")
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
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(subject) != null);
        return stored(subject);
    }

    private static String stored(String subject) {
        return POSTFIX.maildir("bob").stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .filter(m -> m.contains("Subject: " + subject + "\n")).findFirst().orElse(null);
    }

    /** The dkim= results of OpenDKIM's Authentication-Results field (RFC 8601 2.2), unfolded. */
    private static List<String> dkimResults(String stored) {
        // Comments, such as "(2048-bit key; unprotected)", may hold semicolons of their own (RFC 8601 2.2: CFWS).
        String header = stored.substring(0, stored.indexOf("\n\n")).replaceAll("\n[ \t]+", " ").replaceAll("\\([^)]*\\)", "");
        List<String> results = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("Authentication-Results: " + PostfixInstance.HOSTNAME + ";")) {
                Matcher m = Pattern.compile("dkim=[a-z]+[^;]*").matcher(line);
                while (m.find()) {
                    results.add(m.group().trim());
                }
            }
        }
        return results;
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

    private static Dnsmasq startDns() {
        List<String> records = new ArrayList<>();
        for (DkimKey key : List.of(RSA, ED25519, PUBLISHED_INSTEAD)) {
            // dnsmasq makes one TXT string per comma-separated part; a string holds at most 255 octets.
            String text = key.txtRecord();
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < text.length(); i += 250) {
                strings.add(text.substring(i, Math.min(text.length(), i + 250)));
            }
            records.add("--txt-record=" + key.dnsName() + "," + String.join(",", strings));
        }
        try {
            return Dnsmasq.start(records);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static OpenDkimVerifier startOpenDkim() {
        try {
            return OpenDkimVerifier.start(PostfixInstance.HOSTNAME, DNS.port());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostfixInstance startPostfix() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = s.getLocalPort();
            s.close();
            // tempfail: without its milter Postfix must not accept the message unverified.
            return PostfixInstance.start(port, POSTFIX_DOMAIN, List.of("bob"), "unused.test", 1,
                    List.of("smtpd_milters = " + OPENDKIM.milter(), "milter_default_action = tempfail"));
        } catch (IOException e) {
            throw new IllegalStateException("Postfix is installed but did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A failed test shows what Postfix and OpenDKIM said. */
    static final class LogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (POSTFIX != null) {
                System.err.println("Postfix log at the failure of " + context.getDisplayName() + ":\n" + POSTFIX.log());
            }
            if (OPENDKIM != null) {
                System.err.println("OpenDKIM output:\n" + OPENDKIM.output());
            }
        }
    }
}
