package org.mailplatform.mta.interop;

import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.Nsd;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DANE behind DNS servers that do not pass DNSSEC along: NSD serves {@code dane.test} signed but
 * with its RRSIG and NSEC records stripped, as such a server hands a signed zone on, while the
 * zone's DS record is the MTA's only trust anchor. Every answer is bogus there, the check of the
 * anchor's DNSKEY records included. {@code stripped.dane.test}'s MX is a private Postfix with
 * STARTTLS, with a TLSA record of another key than Postfix's: were DANE applied, the mail would be
 * deferred. Postfix and NSD are shared by the subclasses; each has a context of its own that is
 * closed after it, since two outbound contexts would take each other's records.
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
abstract class DaneStrippingResolverTestBase {

    static final String SENDER = "alice@sender.test";
    static final String DOMAIN = "stripped.dane.test";

    static final PostfixInstance POSTFIX = startPostfix();
    static final Nsd DNS = startDns();

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

    @BeforeEach
    void toolsAreThere() {
        assumePresent(POSTFIX != null, "Postfix is not installed (Debian: apt-get install postfix) or this JVM is not root");
        assumePresent(DNS != null, "NSD or ldns is not installed (Debian: apt-get install nsd ldnsutils; .ci/run does it)");
    }

    String submit() throws Exception {
        String subject = "DANE without DNSSEC " + UUID.randomUUID();
        String queueId = QueueIds.next();
        MailEnvelope envelope = MailEnvelope.builder().queueId(queueId).traceId(queueId).mailFrom(SENDER)
                .recipients(List.of(Recipient.of("bob@" + DOMAIN))).receivedAt(Instant.now()).build();
        publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope,
                ("From: " + SENDER + "\r\nTo: bob@" + DOMAIN + "\r\nSubject: " + subject + "\r\n\r\nStripped.\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        return subject;
    }

    double daneAvailable() {
        return meters.get("mail.dane.available").gauge().value();
    }

    static String stored(String subject) {
        return POSTFIX.maildir("bob").stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .filter(m -> m.contains("Subject: " + subject + "\n")).findFirst().orElse(null);
    }

    private static PostfixInstance startPostfix() {
        if (!PostfixInstance.available()) {
            return null;
        }
        try {
            return PostfixInstance.start(freePort(), DOMAIN, List.of("bob"), "unused.test", 9);
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
            String other = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest("some other key".getBytes(StandardCharsets.US_ASCII)));
            return Nsd.start(List.of(new Nsd.Zone("dane.test", List.of(
                    "ns IN A 127.0.0.1",
                    "stripped IN MX 10 mx-stripped",
                    "mx-stripped IN A 127.0.0.1",
                    "_25._tcp.mx-stripped IN TLSA 3 1 1 " + other), true).withSignaturesStripped()));
        } catch (Exception e) {
            throw new IllegalStateException("NSD is installed but did not start", e);
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
