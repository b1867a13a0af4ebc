package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.dsn.DsnParts;
import org.mailplatform.mta.testing.SmtpSink;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.RequiredTool;

/**
 * Relaying REQUIRETLS mail (RFC 8689 4.2.1, 5): a next hop without verified TLS and REQUIRETLS never
 * gets the message, and the sender gets one DSN saying 5.7.30, at the first attempt.
 */
class RequireTlsRelayTest extends OutboundServiceTestBase {

    static SmtpSink sink;
    static TopicReader delivery;

    @BeforeAll
    static void start() throws IOException {
        RequiredTool.assumePresent(SmtpSink.available(), "smtp-sink (Debian package postfix) is not installed");
        sink = SmtpSink.start(0);
        UNLIMITED.forwardTo(sink.port());
        delivery = new TopicReader(List.of(MailTopics.DELIVERY));
    }

    @AfterAll
    static void stop() {
        if (delivery != null) {
            delivery.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private static boolean isDsnTo(ConsumerRecord<byte[], byte[]> r, String sender) {
        MailEnvelope e = mail(r).envelope();
        return e.isNullSender() && e.recipients().getFirst().address().equals(sender);
    }

    @Test
    void aNextHopWithoutTlsOrRequireTlsNeverSeesTheMessageAndTheSenderLearns5730() throws Exception {
        // Postfix's smtp-sink offers neither STARTTLS nor REQUIRETLS.
        String sender = unique("alice", LOCAL_DOMAIN);
        String to = unique("secret", "unlimited.test");
        String plain = unique("plain", "unlimited.test");
        submit(envelope(sender, Recipient.of(to)).requireTls(true).build(), "Subject: confidential\r\n\r\nx\r\n");
        submit(envelope(sender, Recipient.of(plain)).build(), "Subject: ordinary\r\n\r\nx\r\n");

        DsnParts dsn = DsnParts.parse(mail(delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(30))).message());
        assertThat(dsn.field(0, "Final-Recipient")).isEqualTo("rfc822; " + to);
        assertThat(dsn.field(0, "Action")).isEqualTo("failed");
        assertThat(dsn.field(0, "Status")).isEqualTo("5.7.30");
        assertThat(dsn.field(0, "Diagnostic-Code")).contains("REQUIRETLS").contains("TLS is required");
        // The same destination takes ordinary mail as before.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sink.transactionsFor(plain) == 1);
        assertThat(sink.transactionsFor(to)).isZero();
    }

    @Test
    void aPeerWhoseCertificateDoesNotVerifyGetsNothingEither() throws Exception {
        // The scripted peer offers STARTTLS and REQUIRETLS, with a self-signed certificate.
        String sender = unique("alice", LOCAL_DOMAIN);
        String to = unique("secret", "peer.test");
        submit(envelope(sender, Recipient.of(to)).requireTls(true).build(), "Subject: confidential\r\n\r\nx\r\n");

        DsnParts dsn = DsnParts.parse(mail(delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(30))).message());
        assertThat(dsn.field(0, "Status")).isEqualTo("5.7.30");
        assertThat(dsn.field(0, "Diagnostic-Code")).contains("REQUIRETLS").contains("handshake");
        assertThat(PEER.receivedFor(to)).isEmpty();
    }
}
