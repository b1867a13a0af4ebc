package org.mailplatform.mta.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.UUID;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.inbound.MilterMetrics;
import org.mailplatform.mta.testing.InboundServerTestBase;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.Rspamd;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/**
 * rspamd down (nothing listens on its port) under the default milter_default_action, tempfail:
 * the client is told 451 4.7.1 and keeps the message; nothing is queued.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mx.example.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.milter.connect-timeout=2s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class MilterFailClosedTest extends InboundServerTestBase {

    static final String DOMAIN = "closed.example.test";

    @DynamicPropertySource
    static void downMilter(DynamicPropertyRegistry registry) throws IOException {
        int port = Rspamd.closedPort();
        registry.add("mailplatform.mta.milter.milters[0].name", () -> "rspamd");
        registry.add("mailplatform.mta.milter.milters[0].address", () -> "inet:127.0.0.1:" + port);
    }

    @BeforeAll
    static void reader() {
        readDelivery();
    }

    @BeforeEach
    void account() {
        ensureAccount("erin@" + DOMAIN, "erins long password");
    }

    @Test
    void withTheMilterDownTheClientIsToldToTryLater() {
        String subject = "closed " + UUID.randomUUID();

        assertThatThrownBy(() -> FilteringClient.send(server.boundPort("smtp"), "127.0.0.1", "erin@" + DOMAIN, subject,
                "hello\n"))
                .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                    assertThat(e.getReturnCode()).isEqualTo(451);
                    assertThat(e.getMessage()).startsWith("451 4.7.1 Service unavailable - try again later");
                });
        assertThat(delivery.count(r -> text(r).contains(subject))).isZero();
        assertThat(meters.get(MilterMetrics.VERDICTS).tags("milter", "rspamd", "action", "failed").timer().count())
                .isPositive();
    }
}
