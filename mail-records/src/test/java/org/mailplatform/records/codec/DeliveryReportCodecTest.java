package org.mailplatform.records.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientReport;
import org.mailplatform.records.codec.RecordFormatException.Problem;

class DeliveryReportCodecTest {

    private final DeliveryReportSerializer serializer = new DeliveryReportSerializer();
    private final DeliveryReportDeserializer deserializer = new DeliveryReportDeserializer();

    @Test
    void reportWithReturnedHeadersRoundTrips() {
        byte[] headers = Fixtures.ascii("From: alice@example.org\r\nSubject: hi\r\n\r\n");
        DeliveryReport report = Fixtures.report(headers);
        DeliveryReport decoded = deserializer.deserialize("t", serializer.serialize("t", report));
        assertThat(decoded).isEqualTo(report);
        assertThat(decoded.returnedContent()).isEqualTo(headers);
        assertThat(decoded.recipients().get(0).permanent()).isTrue();
        assertThat(decoded.recipients().get(0).originalRecipient().address()).isEqualTo("bob@example.net");
        assertThat(decoded.recipients().get(1).temporary()).isTrue();
        assertThat(decoded.recipients().get(1).diagnostic()).isEqualTo("452 4.2.2 over quota");
    }

    @Test
    void returnedContentIsRawBytesAtTheEnd() {
        byte[] binary = new byte[256];
        for (int i = 0; i < 256; i++) {
            binary[i] = (byte) i;
        }
        byte[] value = DeliveryReportCodec.encode(Fixtures.report(binary));
        assertThat(Arrays.copyOfRange(value, 0, 4)).isEqualTo(Fixtures.ascii("DSNR"));
        assertThat(Arrays.copyOfRange(value, value.length - 256, value.length)).isEqualTo(binary);
    }

    @Test
    void reportWithoutContentAndFromNullSenderRoundTrips() {
        MailEnvelope bounce = Fixtures.minimalEnvelope("Q9").toBuilder().mailFrom("").build();
        DeliveryReport report = DeliveryReport.of(bounce, "mda-1",
                List.of(RecipientReport.of(bounce.recipients().getFirst(), "5.2.1", null)), null);
        DeliveryReport decoded = DeliveryReportCodec.decode(DeliveryReportCodec.encode(report));
        assertThat(decoded).isEqualTo(report);
        assertThat(decoded.isNullSender()).isTrue();
        assertThat(decoded.returnedContent()).isEmpty();
    }

    @Test
    void statusCodesMustBeRfc3463() {
        Recipient r = Recipient.of("x@example.org");
        assertThatThrownBy(() -> RecipientReport.of(r, "550", "no")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecipientReport.of(r, "3.1.1", "no")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecipientReport.of(r, "5.01.1", "no")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecipientReport.of(r, "5.7.26", null).permanent()).isTrue();
        assertThat(RecipientReport.of(r, "2.0.0", null).success()).isTrue();
    }

    @Test
    void aMailRecordIsNotADeliveryReport() {
        byte[] mail = MailRecordCodec.encode(new org.mailplatform.records.MailRecord(Fixtures.fullEnvelope(),
                new byte[1]));
        assertThatThrownBy(() -> DeliveryReportCodec.decode(mail))
                .isInstanceOfSatisfying(RecordFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.BAD_MAGIC));
    }
}
