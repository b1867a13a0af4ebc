package org.mailplatform.mta.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.inbound.ClientBlocklists;
import org.mailplatform.mta.inbound.MilterMetrics;
import org.mailplatform.testsupport.Dnsmasq;
import org.mailplatform.mta.testing.InboundServerTestBase;
import org.mailplatform.mta.testing.OpenDkim;
import org.mailplatform.records.MailRecord;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.Rspamd;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jakarta.mail.MessagingException;

/**
 * Port 25 with two real milters in order, OpenDKIM (verifying) then rspamd, and a DNS blocklist
 * published by a real DNS server (dnsmasq), driven by a real SMTP client from 127.0.0.x source
 * addresses.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mx.example.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.milter.default-action=tempfail",
        "mailplatform.mta.dnsbl.zones[0]=bl.test*2",
        "mailplatform.mta.dnsbl.zones[1]=weak.test",
        "mailplatform.mta.dnsbl.threshold=2",
        "mailplatform.mta.dnsbl.timeout=2s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class RspamdMilterTest extends InboundServerTestBase {

    static final String DOMAIN = "filter.example.test";

    private static Dnsmasq dns;
    private static OpenDkim openDkim;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
        boolean present = Rspamd.available() && Dnsmasq.available() && OpenDkim.available();
        if (present && openDkim == null) {
            openDkim = OpenDkim.start("mx.example.test");
        }
        // A list from a higher property source replaces the whole list: every field of each entry is here.
        registry.add("mailplatform.mta.milter.milters[0].name", () -> "opendkim");
        registry.add("mailplatform.mta.milter.milters[0].address",
                () -> openDkim == null ? "127.0.0.1:9" : openDkim.milterAddress());
        registry.add("mailplatform.mta.milter.milters[1].name", () -> "rspamd");
        registry.add("mailplatform.mta.milter.milters[1].address",
                () -> present ? Rspamd.shared().milterAddress() : "127.0.0.1:9");
        if (present && dns == null) {
            // 127.0.0.2 is listed in bl.test (weight 2: refused), 127.0.0.3 only in weak.test (weight 1: let in).
            dns = Dnsmasq.start(List.of("--host-record=2.0.0.127.bl.test,127.0.0.2",
                    "--host-record=3.0.0.127.weak.test,127.0.0.2", "--host-record=1.0.0.127.weak.test,10.0.0.1"));
        }
        registry.add("mailplatform.mta.dnsbl.dns-servers[0]", () -> dns == null ? "127.0.0.1:9" : dns.address());
    }

    @BeforeAll
    static void peersPresent() {
        assumePresent(Rspamd.available(), "rspamd is not installed (apt-get install rspamd; .ci/run does it)");
        assumePresent(Dnsmasq.available(), "dnsmasq is not installed (apt-get install dnsmasq-base; .ci/run does it)");
        assumePresent(OpenDkim.available(), "opendkim is not installed (apt-get install opendkim; .ci/run does it)");
        readDelivery();
    }

    @BeforeEach
    void account() {
        ensureAccount("dora@" + DOMAIN, "doras long password");
    }

    private int port() {
        return server.boundPort("smtp");
    }

    @Test
    void rspamdRejectsGtubeAndTheClientSeesIt() {
        String subject = "gtube " + UUID.randomUUID();

        assertThatThrownBy(() -> FilteringClient.send(port(), "127.0.0.1", "dora@" + DOMAIN, subject,
                "This is a test.\n" + Rspamd.GTUBE + "\n"))
                // rspamd's own reply for its reject action, passed on as SMFIR_REPLYCODE gave it.
                .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                    assertThat(e.getReturnCode()).isEqualTo(554);
                    assertThat(e.getMessage()).startsWith("554 5.7.1 Gtube pattern");
                });
        assertThat(delivery.count(r -> text(r).contains(subject))).isZero();
        assertThat(meters.get(MilterMetrics.VERDICTS).tags("milter", "rspamd", "action", "reject").timer().count())
                .isPositive();
    }

    @Test
    void aSpamScoredMessageIsAcceptedAndMarkedForTheJunkMailbox() throws Exception {
        String subject = Rspamd.SPAM_MARKER + " " + UUID.randomUUID();

        FilteringClient.send(port(), "127.0.0.1", "dora@" + DOMAIN, subject, "Buy now.\n");

        MailRecord r = delivery.await(x -> text(x).contains(subject));
        assertThat(r.envelope().isJunk()).as(text(r)).isTrue();
        assertThat(r.envelope().junk().reason()).isEqualTo("milter spam verdict: X-Spam: Yes");
        assertThat(text(r)).startsWith("Received: from mail.remote.test").contains("\r\nX-Spam: Yes\r\n");
    }

    @Test
    void bothMiltersEditTheMessageInOrder() throws Exception {
        String subject = Rspamd.SPAM_MARKER + " " + UUID.randomUUID().toString().substring(0, 8);

        FilteringClient.send(port(), "127.0.0.1", "dora@" + DOMAIN, subject, "Two filters.\n");

        String message = text(delivery.await(x -> text(x).contains(subject)));
        // OpenDKIM inserts its field at the top (smfi_insheader index 0), under our Received field;
        // rspamd, asked second, appends X-Spam.
        assertThat(message).containsPattern("\\AReceived: [^\\n]*\\n(\\t[^\\n]*\\n)*"
                + "Authentication-Results: mx\\.example\\.test;");
        assertThat(message.indexOf("Authentication-Results:")).isLessThan(message.indexOf("X-Spam: Yes"));
        assertThat(meters.get(MilterMetrics.VERDICTS).tag("milter", "opendkim").timers())
                .allSatisfy(t -> assertThat(t.getId().getTag("action")).isIn("accept", "continue"));
    }

    @Test
    void anInnocentMessagePassesUnmarked() throws Exception {
        String subject = "lunch " + UUID.randomUUID();

        FilteringClient.send(port(), "127.0.0.1", "dora@" + DOMAIN, subject, "See you at noon.\n");

        MailRecord r = delivery.await(x -> text(x).contains(subject));
        assertThat(r.envelope().isJunk()).isFalse();
        assertThat(text(r)).doesNotContain("X-Spam: Yes");
        assertThat(meters.get(MilterMetrics.VERDICTS).tags("milter", "rspamd").timers())
                .anySatisfy(t -> assertThat(t.getId().getTag("action")).isIn("accept", "continue"));
    }

    @Test
    void aClientOnTheBlocklistIsRefusedAtConnect() {
        String subject = "listed " + UUID.randomUUID();

        assertThatThrownBy(() -> FilteringClient.send(port(), "127.0.0.2", "dora@" + DOMAIN, subject, "hello\n"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("554 5.7.1 Service unavailable; client [127.0.0.2] blocked using bl.test");
        assertThat(meters.get(ClientBlocklists.LISTINGS).tag("zone", "bl.test").counter().count()).isPositive();
    }

    @Test
    void aListingBelowTheThresholdOrOutside127IsLetIn() throws Exception {
        String subject = "weakly listed " + UUID.randomUUID();
        // 127.0.0.3: weight 1 of 2. 127.0.0.1: weak.test answers 10.0.0.1, which is no listing (RFC 5782 2.1).
        FilteringClient.send(port(), "127.0.0.3", "dora@" + DOMAIN, subject, "hello\n");
        FilteringClient.send(port(), "127.0.0.1", "dora@" + DOMAIN, subject + " b", "hello\n");

        assertThat(delivery.await(x -> text(x).contains(subject + "\r\n")).envelope().clientAddress()).isEqualTo("127.0.0.3");
        assertThat(delivery.await(x -> text(x).contains(subject + " b")).envelope().clientAddress()).isEqualTo("127.0.0.1");
        assertThat(meters.get(ClientBlocklists.LISTINGS).tag("zone", "weak.test").counter().count()).isPositive();
    }
}
