package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.TlsInfo;
import org.mailplatform.store.account.EmailAddress;

class ForwardRecordsTest {

    @Test
    void queueIdIsDerivedDeterministicallyAndStaysAToken() {
        assertThat(ForwardRecords.queueId("01JCZ3V5R8K2M4N6P8Q0S2T4V6")).isEqualTo("01JCZ3V5R8K2M4N6P8Q0S2T4V6-F");
        String longId = "q".repeat(64);
        String derived = ForwardRecords.queueId(longId);
        assertThat(derived).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9._-]+").endsWith("-F")
                .isEqualTo(ForwardRecords.queueId(longId))
                .isNotEqualTo(ForwardRecords.queueId("q".repeat(63) + "r"));
    }

    @Test
    void forwardKeepsSenderAndDsnParametersAndDropsTheClientSession() {
        Recipient direct = Recipient.of("list@ours.example", Set.of(DsnNotify.FAILURE, DsnNotify.DELAY), null);
        Recipient withOrcpt = Recipient.of("team@ours.example", Set.of(),
                OriginalRecipient.rfc822("Team@Ours.example"));
        MailRecord original = new MailRecord(MailEnvelope.builder()
                .queueId("Q1")
                .mailFrom("author@far.example")
                .recipient(direct)
                .recipient(withOrcpt)
                .authenticatedUser("author")
                .clientAddress("192.0.2.1")
                .clientHelo("far.example")
                .tls(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256"))
                .receivedAt(MailFixture.now())
                .traceId("trace-1")
                .build(), MailFixture.message("forward me"));

        MailRecord forward = ForwardRecords.forward(original, List.of(
                new Routing.Forward(EmailAddress.of("x@remote.example"), direct),
                new Routing.Forward(EmailAddress.of("y@remote.example"), withOrcpt)),
                "SRS0=abcd=J2=far.example=author@ours.example");

        MailEnvelope envelope = forward.envelope();
        assertThat(envelope.queueId()).isEqualTo("Q1-F");
        assertThat(envelope.mailFrom()).isEqualTo("SRS0=abcd=J2=far.example=author@ours.example");
        assertThat(envelope.receivedAt()).isEqualTo(original.envelope().receivedAt());
        assertThat(envelope.traceId()).isEqualTo("trace-1");
        assertThat(envelope.authenticatedUser()).isNull();
        assertThat(envelope.clientAddress()).isNull();
        assertThat(envelope.tls()).isNull();
        assertThat(envelope.recipients()).containsExactly(
                Recipient.of("x@remote.example", Set.of(DsnNotify.FAILURE, DsnNotify.DELAY),
                        OriginalRecipient.rfc822("list@ours.example")),
                Recipient.of("y@remote.example", Set.of(), OriginalRecipient.rfc822("Team@Ours.example")));
        byte[] marks = "Delivered-To: list@ours.example\r\nDelivered-To: team@ours.example\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(forward.message()).startsWith(marks).endsWith(original.message())
                .hasSize(marks.length + original.message().length);
    }

    @Test
    void nothingToForwardIsRefused() {
        MailRecord original = MailFixture.record("a@b.example", List.of("c@d.example"), MailFixture.message("x"));
        assertThatThrownBy(() -> ForwardRecords.forward(original, List.of(), "a@b.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
