package org.mailplatform.mta.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.inbound.MilterMetrics;
import org.mailplatform.mta.milter.PyMilter;
import org.mailplatform.mta.testing.InboundServerTestBase;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The envelope changes of a milter built on the real libmilter (pymilter), applied to what port 25
 * hands on: a new sender, deleted recipients, an added recipient of ours delivered, an added
 * recipient elsewhere dropped (no relaying through a milter), and a message left without
 * recipients accepted and dropped.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mx.example.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.milter.default-action=tempfail",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class MilterEnvelopeTest extends InboundServerTestBase {

    static final String DOMAIN = "filter.example.test";

    private static PyMilter milter;

    @DynamicPropertySource
    static void milter(DynamicPropertyRegistry registry) throws Exception {
        if (milter == null && PyMilter.available()) {
            milter = PyMilter.start("/milter/envelope.py");
        }
        registry.add("mailplatform.mta.milter.milters[0].name", () -> "envelope");
        registry.add("mailplatform.mta.milter.milters[0].address", () -> milter == null ? "127.0.0.1:9" : milter.settingValue());
    }

    @BeforeAll
    static void present() {
        assumePresent(PyMilter.available(), "pymilter is not installed (apt-get install python3-milter; .ci/run does it)");
        readDelivery();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (milter != null) {
            milter.close();
            milter = null;
        }
    }

    @BeforeEach
    void accounts() {
        ensureAccount("dora@" + DOMAIN, "doras long password");
        ensureAccount("erin@reroute.example.test", "erins long password");
    }

    @Test
    void theMiltersSenderAndRecipientChangesAreWhatIsDelivered() throws Exception {
        String subject = "reroute " + UUID.randomUUID();

        FilteringClient.send(server.boundPort("smtp"), "127.0.0.1", "dora@" + DOMAIN, subject, "For the list.\n");

        MailRecord r = delivery.await(x -> text(x).contains(subject));
        assertThat(r.envelope().mailFrom()).isEqualTo("list-bounces@lists.test");
        assertThat(r.envelope().recipients()).extracting(Recipient::address).containsExactly("erin@reroute.example.test");
        assertThat(meters.get(MilterMetrics.ENVELOPE).tag("action", "add_recipient_refused").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMessageLeftWithoutRecipientsIsAcceptedAndDropped() throws Exception {
        String subject = "drop " + UUID.randomUUID();

        FilteringClient.send(server.boundPort("smtp"), "127.0.0.1", "dora@" + DOMAIN, subject, "Nobody gets this.\n");

        assertThat(meters.get(MilterMetrics.ENVELOPE).tag("action", "dropped").counter().count()).isGreaterThanOrEqualTo(1);
        // A later message on the same topic arrives; the dropped one never does.
        String after = "after " + UUID.randomUUID();
        FilteringClient.send(server.boundPort("smtp"), "127.0.0.1", "dora@" + DOMAIN, after, "This one arrives.\n");
        delivery.await(x -> text(x).contains(after));
        assertThat(delivery.count(x -> text(x).contains(subject))).isZero();
    }
}
