package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.dsn.DsnParts;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.topics.MailTopics;

/** Delivery by MX lookup against a real DNS server (dnsmasq) on loopback. */
class MxDeliveryTest extends OutboundServiceTestBase {

    static TopicReader delivery;

    @BeforeAll
    static void reader() {
        delivery = new TopicReader(List.of(MailTopics.DELIVERY));
    }

    @AfterAll
    static void closeReader() {
        delivery.close();
    }

    @BeforeEach
    void needsDns() {
        assumePresent(DNS != null, "dnsmasq is not installed (apt-get install dnsmasq-base; .ci/run does it)");
    }

    @Test
    void whenThePreferredExchangerIsDownTheNextOneGetsTheMail() throws Exception {
        String to = unique("user", "mx.test");
        submit(envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to)).build(), "Subject: via MX\r\n\r\nx\r\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(to).size() == 1);
        assertThat(PEER.receivedFor(to).getFirst().tls()).isNotNull();
    }

    @Test
    void aDomainWithANullMxBouncesAtOnceWith5110() throws Exception {
        String sender = unique("alice", LOCAL_DOMAIN);
        String to = unique("user", "nullmx.test");
        submit(envelope(sender, Recipient.of(to)).build(), "Subject: nowhere\r\n\r\nx\r\n");

        DsnParts parts = DsnParts.parse(mail(delivery.await(r -> {
            MailEnvelope e = mail(r).envelope();
            return e.isNullSender() && e.recipients().getFirst().address().equals(sender);
        }, Duration.ofSeconds(30))).message());
        assertThat(parts.field(0, "Final-Recipient")).isEqualTo("rfc822; " + to);
        assertThat(parts.field(0, "Action")).isEqualTo("failed");
        assertThat(parts.field(0, "Status")).isEqualTo("5.1.10");
        assertThat(parts.field(0, "Remote-MTA")).isNull();
    }
}
