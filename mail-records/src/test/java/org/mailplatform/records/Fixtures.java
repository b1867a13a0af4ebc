package org.mailplatform.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Records with every field set, for round trips. */
public final class Fixtures {

    private Fixtures() {
    }

    public static MailEnvelope fullEnvelope() {
        return MailEnvelope.builder()
                .queueId("01JCZ3V5R8K2M4N6P8Q0S2T4V6")
                .mailFrom("alice@example.org")
                .recipient(Recipient.of("bob@example.net", EnumSet.of(DsnNotify.FAILURE, DsnNotify.DELAY),
                        OriginalRecipient.rfc822("bob@example.net")))
                .recipient(Recipient.of("carol@example.net", Set.of(DsnNotify.NEVER), null)
                        .withOutcome(RecipientState.PENDING, "4.2.2", "452 4.2.2 mailbox full"))
                .recipient(new Recipient("dave@example.com", Set.of(DsnNotify.SUCCESS), null,
                        RecipientState.DELIVERED, "2.0.0", "250 2.0.0 ok"))
                .dsnReturn(DsnReturn.HDRS)
                .envelopeId("QQ314159")
                .bodyType(BodyType.EIGHT_BIT_MIME)
                .smtpUtf8(false)
                .authenticatedUser("alice")
                .clientAddress("2001:db8::25")
                .clientHelo("laptop.example.org")
                .tls(new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384"))
                .receivedAt(Instant.parse("2026-11-26T09:15:30.123456789Z"))
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .attempts(2)
                .firstAttemptAt(Instant.parse("2026-11-26T09:16:00Z"))
                .nextAttemptAt(Instant.parse("2026-11-26T09:21:00Z"))
                .build();
    }

    public static MailEnvelope minimalEnvelope(String queueId) {
        return MailEnvelope.builder()
                .queueId(queueId)
                .mailFrom("sender@example.org")
                .recipient("rcpt@example.net")
                .receivedAt(Instant.parse("2026-11-26T10:00:00Z"))
                .build();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static DeliveryReport report(byte[] returned) {
        MailEnvelope envelope = fullEnvelope();
        return new DeliveryReport(envelope.queueId(), envelope.mailFrom(), envelope.envelopeId(),
                envelope.dsnReturn(), envelope.receivedAt(), envelope.traceId(), "mda-0.mail.example.net",
                Instant.parse("2026-11-26T09:17:00Z"),
                List.of(RecipientReport.of(envelope.recipients().get(0), "5.1.1", "550 5.1.1 no such user"),
                        RecipientReport.of(envelope.recipients().get(1), "4.2.2", "452 4.2.2 over quota")),
                returned);
    }
}
