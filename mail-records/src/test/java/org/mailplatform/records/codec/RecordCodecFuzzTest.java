package org.mailplatform.records.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.TlsInfo;

/**
 * The Kafka record values: a consumer reading any bytes gets a record or a {@link RecordFormatException}
 * (which dead-letters it), never another exception that would stall the partition; and whatever an
 * envelope holds comes back equal after encode and decode.
 */
class RecordCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyValueDecodesOrIsRejectedAsMalformed(byte[] value) {
        try {
            MailRecord record = MailRecordCodec.decode(value);
            assertThat(MailRecordCodec.decode(MailRecordCodec.encode(record))).usingRecursiveComparison().isEqualTo(record);
        } catch (RecordFormatException expected) {
            // dead-lettered
        }
        try {
            MailboxEventCodec.decode(value);
        } catch (RecordFormatException expected) {
            // dead-lettered
        }
        try {
            DeliveryReportCodec.decode(value);
        } catch (RecordFormatException expected) {
            // dead-lettered
        }
    }

    @FuzzTest(maxDuration = "10s")
    void envelopesRoundTrip(FuzzedDataProvider data) {
        MailEnvelope envelope;
        try {
            envelope = envelope(data);
        } catch (IllegalArgumentException | NullPointerException notAnEnvelope) {
            return;
        }
        byte[] message = data.consumeRemainingAsBytes();
        MailRecord decoded = MailRecordCodec.decode(MailRecordCodec.encode(new MailRecord(envelope, message)));
        assertThat(decoded.envelope()).isEqualTo(envelope);
        assertThat(decoded.message()).isEqualTo(message);
        assertThat(MailRecordCodec.decodeEnvelope(MailRecordCodec.encode(new MailRecord(envelope, message))))
                .isEqualTo(envelope);
    }

    private static MailEnvelope envelope(FuzzedDataProvider data) {
        MailEnvelope.Builder builder = MailEnvelope.builder()
                .queueId(data.consumeString(30))
                .mailFrom(data.consumeString(80))
                .dsnReturn(data.consumeBoolean() ? data.pickValue(DsnReturn.values()) : null)
                .envelopeId(data.consumeBoolean() ? data.consumeString(100) : null)
                .bodyType(data.pickValue(BodyType.values()))
                .smtpUtf8(data.consumeBoolean())
                .authenticatedUser(data.consumeBoolean() ? data.consumeString(40) : null)
                .clientAddress(data.consumeBoolean() ? data.consumeString(40) : null)
                .clientHelo(data.consumeBoolean() ? data.consumeString(60) : null)
                .tls(data.consumeBoolean() ? new TlsInfo(data.consumeString(10), data.consumeString(30)) : null)
                .receivedAt(instant(data))
                .traceId(data.consumeBoolean() ? data.consumeString(40) : null)
                .attempts(data.consumeInt(0, Integer.MAX_VALUE))
                .firstAttemptAt(data.consumeBoolean() ? instant(data) : null)
                .nextAttemptAt(data.consumeBoolean() ? instant(data) : null);
        List<Recipient> recipients = new ArrayList<>();
        int count = data.consumeInt(1, 4);
        for (int i = 0; i < count; i++) {
            Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
            for (DsnNotify n : DsnNotify.values()) {
                if (data.consumeBoolean()) {
                    notify.add(n);
                }
            }
            OriginalRecipient orcpt = data.consumeBoolean()
                    ? new OriginalRecipient(data.consumeString(10), data.consumeString(60)) : null;
            recipients.add(Recipient.of(data.consumeString(80), notify, orcpt));
        }
        return builder.recipients(recipients).build();
    }

    private static Instant instant(FuzzedDataProvider data) {
        return Instant.ofEpochSecond(data.consumeLong(-100_000_000_000L, 100_000_000_000L), data.consumeInt(0, 999_999_999));
    }
}
