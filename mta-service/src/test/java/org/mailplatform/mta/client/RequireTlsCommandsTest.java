package org.mailplatform.mta.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.Recipient;
import org.mailplatform.smtp.SmtpReply;

/** RFC 8689 4.2.1: REQUIRETLS is passed on to a peer that offers it, and the message goes nowhere else. */
class RequireTlsCommandsTest {

    private static final ServerCapabilities WITH = ServerCapabilities.fromEhlo(
            new SmtpReply(250, null, List.of("peer.example", "8BITMIME", "REQUIRETLS")));
    private static final ServerCapabilities WITHOUT = ServerCapabilities.fromEhlo(
            new SmtpReply(250, null, List.of("peer.example", "8BITMIME")));

    private static OutgoingMessage message(boolean requireTls) {
        return new OutgoingMessage("a@example.test", List.of(Recipient.of("b@peer.example")),
                "Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII), null, false, null, null, requireTls);
    }

    @Test
    void theParameterGoesOnToAPeerThatOffersIt() {
        assertThat(MailCommands.mailFrom(message(true), WITH, 20)).isEqualTo("MAIL FROM:<a@example.test> REQUIRETLS");
        assertThat(MessagePreflight.refusal(message(true), WITH, 20)).isEmpty();
    }

    @Test
    void aPeerWithoutItRefusesTheMessagePermanentlyWith5730() {
        DeliveryOutcome outcome = MessagePreflight.refusal(message(true), WITHOUT, 20).orElseThrow();
        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome.status()).isEqualTo("5.7.30");
    }

    @Test
    void ordinaryMailNeitherSendsNorNeedsIt() {
        assertThat(MailCommands.mailFrom(message(false), WITH, 20)).doesNotContain("REQUIRETLS");
        assertThat(MessagePreflight.refusal(message(false), WITHOUT, 20)).isEmpty();
    }
}
