package org.mailplatform.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MailEnvelopeTest {

    private final MailEnvelope base = Fixtures.minimalEnvelope("Q1");

    @Test
    void builderDefaultsToNullSenderAnd7bit() {
        MailEnvelope e = MailEnvelope.builder().queueId("Q2").recipient("x@example.org").receivedAt(Instant.EPOCH)
                .build();
        assertThat(e.isNullSender()).isTrue();
        assertThat(e.bodyType()).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(e.attempts()).isZero();
        assertThat(e.recipients().getFirst().state()).isEqualTo(RecipientState.PENDING);
        assertThat(e.recipients().getFirst().wantsFailureNotice()).isTrue();
    }

    @Test
    void requiredFieldsAreEnforced() {
        assertThatThrownBy(() -> base.toBuilder().recipients(List.of()).build()).hasMessageContaining("recipient");
        assertThatThrownBy(() -> base.toBuilder().queueId(null).build()).hasMessageContaining("queue id");
        assertThatThrownBy(() -> base.toBuilder().queueId("has space").build()).hasMessageContaining("queue id");
        assertThatThrownBy(() -> base.toBuilder().receivedAt(null).build()).hasMessageContaining("received");
        assertThatThrownBy(() -> base.toBuilder().mailFrom(null).build()).hasMessageContaining("MAIL FROM");
        assertThatThrownBy(() -> base.toBuilder().attempts(-1).build()).hasMessageContaining("attempts");
    }

    @Test
    void lineBreaksCannotBeSmuggledIntoFieldsThatBecomeHeaders() {
        assertThatThrownBy(() -> base.toBuilder().mailFrom("a@b\r\nBcc: x@y").build()).hasMessageContaining("control");
        assertThatThrownBy(() -> Recipient.of("a@b\nX: y")).hasMessageContaining("control");
        assertThatThrownBy(() -> base.toBuilder().clientHelo("host\r\n").build()).hasMessageContaining("control");
        assertThatThrownBy(() -> base.toBuilder().traceId("t\u0000").build()).hasMessageContaining("control");
    }

    @Test
    void notifyNeverStandsAlone() {
        assertThatThrownBy(() -> Recipient.of("a@b", Set.of(DsnNotify.NEVER, DsnNotify.SUCCESS), null))
                .hasMessageContaining("NEVER");
        Recipient never = Recipient.of("a@b", Set.of(DsnNotify.NEVER), null);
        assertThat(never.wantsFailureNotice()).isFalse();
        assertThat(Recipient.of("a@b", Set.of(DsnNotify.SUCCESS), null).wantsFailureNotice()).isFalse();
    }

    @Test
    void recipientListIsImmutable() {
        assertThatThrownBy(() -> base.recipients().add(Recipient.of("x@y"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attemptsCountAndKeepTheFirstAttemptTime() {
        Instant first = Instant.parse("2026-11-26T10:01:00Z");
        Instant second = Instant.parse("2026-11-26T10:02:00Z");
        MailEnvelope once = base.withAttemptAt(first);
        MailEnvelope twice = once.withAttemptAt(second).withNextAttemptAt(second.plusSeconds(300));
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(twice.attempts()).isEqualTo(2);
        assertThat(twice.firstAttemptAt()).isEqualTo(first);
        assertThat(twice.nextAttemptAt()).isEqualTo(second.plusSeconds(300));
        assertThat(base.attempts()).isZero();
    }

    @Test
    void perRecipientStateIsTracked() {
        MailEnvelope e = base.toBuilder().recipient("second@example.net").build()
                .mapRecipients(r -> r.address().startsWith("rcpt")
                        ? r.withOutcome(RecipientState.DELIVERED, "2.0.0", "250 ok") : r);
        assertThat(e.pendingRecipients()).extracting(Recipient::address).containsExactly("second@example.net");
        assertThat(e.recipients().getFirst().state().isFinal()).isTrue();
        assertThatThrownBy(() -> e.recipients().getFirst().withOutcome(RecipientState.FAILED, "5.1", null))
                .hasMessageContaining("RFC 3463");
    }

    @Test
    void withersChangeOnlyTheirField() {
        MailEnvelope e = Fixtures.fullEnvelope();
        MailEnvelope renamed = e.withQueueId("NEWID").withTraceId("t2");
        assertThat(renamed.queueId()).isEqualTo("NEWID");
        assertThat(renamed.traceId()).isEqualTo("t2");
        assertThat(renamed.toBuilder().queueId(e.queueId()).traceId(e.traceId()).build()).isEqualTo(e);
    }

    @Test
    void mailRecordComparesMessageContentAndHidesItFromToString() {
        MailRecord a = new MailRecord(base, new byte[] {1, 2});
        MailRecord b = new MailRecord(base, new byte[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new MailRecord(base, new byte[] {1, 3}));
        assertThat(a.toString()).contains("Q1").contains("messageBytes=2");
    }
}
