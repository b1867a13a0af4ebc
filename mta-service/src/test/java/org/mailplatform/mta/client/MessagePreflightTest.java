package org.mailplatform.mta.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.smtp.SmtpReply;

class MessagePreflightTest {

    private static ServerCapabilities ehlo(String... keywords) {
        List<String> lines = new ArrayList<>(List.of("mx.example.net"));
        lines.addAll(List.of(keywords));
        return ServerCapabilities.fromEhlo(new SmtpReply(250, null, lines));
    }

    private static OutgoingMessage message(String text, BodyType body, boolean utf8) {
        return new OutgoingMessage("a@example.org", List.of(Recipient.of("b@example.net")),
                text.getBytes(StandardCharsets.UTF_8), body, utf8, null, null);
    }

    private static Optional<DeliveryOutcome> check(OutgoingMessage m, ServerCapabilities peer) {
        return MessagePreflight.refusal(m, peer, WireData.normalizedLength(m.content()));
    }

    @Test
    void aMessageLargerThanThePeersSizeFailsPermanently() {
        OutgoingMessage m = message("x".repeat(2000), BodyType.SEVEN_BIT, false);
        assertThat(check(m, ehlo("SIZE 1000"))).hasValueSatisfying(o -> {
            assertThat(o.isPermanent()).isTrue();
            assertThat(o.status()).isEqualTo("5.3.4");
        });
        assertThat(check(m, ehlo("SIZE 0"))).isEmpty();
        assertThat(check(m, ehlo("SIZE"))).isEmpty();
    }

    @Test
    void smtpUtf8NeedsThePeersSmtpUtf8() {
        OutgoingMessage m = message("Subject: Grüße\r\n\r\nhi\r\n", BodyType.EIGHT_BIT_MIME, true);
        assertThat(check(m, ehlo("8BITMIME"))).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo("5.6.7"));
        assertThat(check(m, ehlo("8BITMIME", "SMTPUTF8"))).isEmpty();
    }

    @Test
    void eightBitGoesToAPeerWithout8bitmimeOnlyWhenItIsSevenBitClean() {
        assertThat(check(message("Subject: x\r\n\r\ncafé\r\n", BodyType.EIGHT_BIT_MIME, false), ehlo("PIPELINING")))
                .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo("5.6.3"));
        assertThat(check(message("Subject: x\r\n\r\ncafe\r\n", BodyType.EIGHT_BIT_MIME, false), ehlo("PIPELINING")))
                .isEmpty();
        assertThat(check(message("Subject: x\r\n\r\ncafé\r\n", BodyType.SEVEN_BIT, false), ServerCapabilities.helo()))
                .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo("5.6.3"));
    }

    @Test
    void binaryNeedsChunkingAndBinarymime() {
        OutgoingMessage m = message("binary", BodyType.BINARY_MIME, false);
        assertThat(check(m, ehlo("BINARYMIME"))).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo("5.6.3"));
        assertThat(check(m, ehlo("CHUNKING"))).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo("5.6.3"));
        assertThat(check(m, ehlo("CHUNKING", "BINARYMIME"))).isEmpty();
    }

    @Test
    void parametersGoOnlyToPeersThatAnnouncedThem() {
        OutgoingMessage m = new OutgoingMessage("a@example.org",
                List.of(Recipient.of("b@example.net", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                        OriginalRecipient.rfc822("b+x=y@example.net"))),
                "Subject: café\r\n\r\n".getBytes(StandardCharsets.UTF_8), BodyType.EIGHT_BIT_MIME, true,
                DsnReturn.HDRS, "env id+1");
        ServerCapabilities all = ehlo("SIZE 100000", "8BITMIME", "SMTPUTF8", "DSN");
        assertThat(MailCommands.mailFrom(m, all, 17))
                .isEqualTo("MAIL FROM:<a@example.org> SIZE=17 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=env+20id+2B1");
        assertThat(MailCommands.rcptTo(m.recipients().getFirst(), all))
                .isEqualTo("RCPT TO:<b@example.net> NOTIFY=FAILURE,SUCCESS ORCPT=rfc822;b+2Bx+3Dy@example.net");
        ServerCapabilities bare = ehlo("PIPELINING");
        assertThat(MailCommands.mailFrom(m, bare, 17)).isEqualTo("MAIL FROM:<a@example.org>");
        assertThat(MailCommands.rcptTo(m.recipients().getFirst(), bare)).isEqualTo("RCPT TO:<b@example.net>");
        assertThat(MailCommands.mailFrom(new OutgoingMessage("", m.recipients(), new byte[0], null, false, null, null),
                ServerCapabilities.helo(), 0)).isEqualTo("MAIL FROM:<>");
    }

    @Test
    void capabilitiesAreReadFromTheEhloReply() {
        ServerCapabilities c = ehlo("pipelining", "SIZE 52428800", "AUTH PLAIN LOGIN", "AUTH=PLAIN", "STARTTLS",
                "CHUNKING", "BINARYMIME", "8BITMIME");
        assertThat(c.pipelining()).isTrue();
        assertThat(c.sizeLimit()).hasValue(52428800);
        assertThat(c.authMechanisms()).containsExactly("PLAIN", "LOGIN");
        assertThat(c.startTls()).isTrue();
        assertThat(c.binaryMime()).isTrue();
        assertThat(c.dsn()).isFalse();
        assertThat(ServerCapabilities.helo().esmtp()).isFalse();
    }
}
