package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;

/** RFC 8689: REQUIRETLS in the envelope, {@code TLS-Required: No} in the header section. */
class SenderTlsPolicyTest {

    private static MailRecord record(boolean requireTls, String message) {
        MailEnvelope envelope = MailEnvelope.builder().queueId("Q1").mailFrom("a@example.test").recipient("b@example.net")
                .receivedAt(Instant.now()).requireTls(requireTls).build();
        return new MailRecord(envelope, message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tlsRequiredNoWaivesTheRecipientsPolicy() {
        SenderTlsPolicy policy = SenderTlsPolicy.of(record(false, "Subject: x\r\ntls-required:   no\r\n\r\nbody\r\n"));

        assertThat(policy.recipientPolicyWaived()).isTrue();
        assertThat(policy.enforceRecipientPolicy()).isFalse();
        assertThat(policy.requireTls()).isFalse();
    }

    @Test
    void aFoldedValueIsUnfolded() {
        assertThat(SenderTlsPolicy.of(record(false, "TLS-Required:\r\n No\r\nSubject: x\r\n\r\n")).recipientPolicyWaived())
                .isTrue();
    }

    @Test
    void requireTlsWinsOverTheFieldAsRfc8689Section5Says() {
        SenderTlsPolicy policy = SenderTlsPolicy.of(record(true, "TLS-Required: No\r\n\r\nbody\r\n"));

        assertThat(policy.requireTls()).isTrue();
        assertThat(policy.enforceRecipientPolicy()).isTrue();
    }

    @Test
    void otherValuesAndTheFieldInTheBodyMeanNothing() {
        assertThat(SenderTlsPolicy.of(record(false, "TLS-Required: Yes\r\n\r\n")).recipientPolicyWaived()).isFalse();
        assertThat(SenderTlsPolicy.of(record(false, "TLS-Required: No thanks\r\n\r\n")).recipientPolicyWaived()).isFalse();
        assertThat(SenderTlsPolicy.of(record(false, "Subject: x\r\n\r\nTLS-Required: No\r\n")).recipientPolicyWaived()).isFalse();
    }
}
