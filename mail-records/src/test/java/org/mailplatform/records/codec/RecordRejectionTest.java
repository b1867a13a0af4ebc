package org.mailplatform.records.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.codec.RecordFormatException.Problem;

/** Values a reader must refuse with a specific exception, never with null or a wrong record. */
class RecordRejectionTest {

    private static final String VALID_HEADER =
            "{\"v\":1,\"id\":\"Q1\",\"from\":\"a@example.org\",\"rcpt\":[{\"to\":\"b@example.net\"}],"
                    + "\"received\":\"2026-11-26T10:00:00Z\"}";

    private static byte[] frame(String magic, int version, String json, byte[] payload) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + header.length + payload.length)
                .put(magic.getBytes(StandardCharsets.US_ASCII)).put((byte) version).putInt(header.length)
                .put(header).put(payload).array();
    }

    private static Problem problemOf(byte[] value) {
        try {
            MailRecordCodec.decode(value);
        } catch (RecordFormatException e) {
            return e.problem();
        }
        throw new AssertionError("decoded without error");
    }

    @Test
    void aHandWrittenValidFrameDecodes() {
        MailRecord record = MailRecordCodec.decode(frame("MAIL", 1, VALID_HEADER, Fixtures.ascii("body")));
        assertThat(record.queueId()).isEqualTo("Q1");
        assertThat(record.envelope().recipients().getFirst().address()).isEqualTo("b@example.net");
        assertThat(record.message()).isEqualTo(Fixtures.ascii("body"));
    }

    @Test
    void futureHeaderVersionIsRejectedAsUnsupported() {
        String v2 = VALID_HEADER.replace("\"v\":1", "\"v\":2");
        assertThatThrownBy(() -> MailRecordCodec.decode(frame("MAIL", 1, v2, new byte[0])))
                .isInstanceOfSatisfying(UnsupportedRecordVersionException.class, e -> {
                    assertThat(e.version()).isEqualTo(2);
                    assertThat(e.highestSupported()).isEqualTo(MailRecordCodec.ENVELOPE_VERSION);
                    assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
                });
    }

    @Test
    void futureHeaderVersionIsRejectedEvenWhenItsFieldsNoLongerFit() {
        String v9 = "{\"v\":9,\"envelope\":{\"queue\":\"Q1\"}}";
        assertThat(problemOf(frame("MAIL", 1, v9, new byte[0]))).isEqualTo(Problem.UNSUPPORTED_VERSION);
    }

    @Test
    void futureFrameVersionIsRejectedAsUnsupported() {
        assertThatThrownBy(() -> MailRecordCodec.decode(frame("MAIL", 2, VALID_HEADER, new byte[0])))
                .isInstanceOf(UnsupportedRecordVersionException.class)
                .hasMessageContaining("frame version 2");
    }

    @Test
    void badMagicIsRejected() {
        assertThat(problemOf(frame("MALL", 1, VALID_HEADER, new byte[0]))).isEqualTo(Problem.BAD_MAGIC);
        assertThat(problemOf(Fixtures.ascii("From: someone\r\n\r\nplain message"))).isEqualTo(Problem.BAD_MAGIC);
    }

    @Test
    void aRecordOfAnotherTypeIsNamedInTheError() {
        byte[] event = MailboxEventCodec.encode(MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, "alice", 7, 1,
                java.util.List.of(1L), 1, "imap-0"));
        assertThatThrownBy(() -> MailRecordCodec.decode(event))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("it is a mailbox event");
    }

    @Test
    void truncatedValuesAreRejected() {
        byte[] full = frame("MAIL", 1, VALID_HEADER, new byte[0]);
        assertThat(problemOf(Arrays.copyOf(full, 6))).isEqualTo(Problem.TRUNCATED);
        assertThat(problemOf(Arrays.copyOf(full, full.length - 1))).isEqualTo(Problem.TRUNCATED);
    }

    @Test
    void emptyAndNullValuesAreRejectedNotDropped() {
        assertThat(problemOf(new byte[0])).isEqualTo(Problem.EMPTY);
        assertThatThrownBy(() -> new MailRecordDeserializer().deserialize("t", null))
                .isInstanceOf(RecordFormatException.class);
    }

    @Test
    void headerLengthOutOfRangeIsRejected() {
        byte[] value = frame("MAIL", 1, VALID_HEADER, new byte[0]);
        ByteBuffer.wrap(value).putInt(5, 0);
        assertThat(problemOf(value)).isEqualTo(Problem.MALFORMED_HEADER);
        ByteBuffer.wrap(value).putInt(5, -1);
        assertThat(problemOf(value)).isEqualTo(Problem.MALFORMED_HEADER);
    }

    @Test
    void brokenJsonIsMalformed() {
        assertThat(problemOf(frame("MAIL", 1, "{\"v\":1,", new byte[0]))).isEqualTo(Problem.MALFORMED_HEADER);
        assertThat(problemOf(frame("MAIL", 1, "[1,2]", new byte[0]))).isEqualTo(Problem.MALFORMED_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER + "{}", new byte[0]))).isEqualTo(Problem.MALFORMED_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("\"v\":1,", ""), new byte[0])))
                .isEqualTo(Problem.MALFORMED_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("\"v\":1", "\"v\":\"1\""), new byte[0])))
                .isEqualTo(Problem.MALFORMED_HEADER);
    }

    @Test
    void duplicateFieldsAreRejected() {
        String twice = VALID_HEADER.replace("\"from\":\"a@example.org\"",
                "\"from\":\"a@example.org\",\"from\":\"evil@example.com\"");
        assertThat(problemOf(frame("MAIL", 1, twice, new byte[0]))).isEqualTo(Problem.MALFORMED_HEADER);
    }

    @Test
    void headersBreakingEnvelopeRulesAreInvalid() {
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("\"id\":\"Q1\",", ""), new byte[0])))
                .isEqualTo(Problem.INVALID_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("[{\"to\":\"b@example.net\"}]", "[]"),
                new byte[0]))).isEqualTo(Problem.INVALID_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("b@example.net", "b@example.net\\r\\nX: y"),
                new byte[0]))).isEqualTo(Problem.INVALID_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("2026-11-26T10:00:00Z", "yesterday"),
                new byte[0]))).isEqualTo(Problem.INVALID_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("}]", ",\"notify\":[\"NEVER\",\"FAILURE\"]}]"),
                new byte[0]))).isEqualTo(Problem.INVALID_HEADER);
        assertThat(problemOf(frame("MAIL", 1,
                VALID_HEADER.replace("}]", "}],\"junk\":{\"reason\":\"spam\\r\\nX-Injected: 1\"}"), new byte[0])))
                .isEqualTo(Problem.INVALID_HEADER);
        assertThat(problemOf(frame("MAIL", 1, VALID_HEADER.replace("}]", "}],\"junk\":{}"), new byte[0])))
                .isEqualTo(Problem.INVALID_HEADER);
    }

    @Test
    void unknownFieldsOfTheSameVersionAreIgnored() {
        String additive = VALID_HEADER.replace("\"v\":1,", "\"v\":1,\"priority\":\"high\",\"extra\":{\"a\":[1]},");
        assertThat(MailRecordCodec.decode(frame("MAIL", 1, additive, new byte[0])).queueId()).isEqualTo("Q1");
    }

    @Test
    void deserializationErrorsAreKafkaSerializationExceptions() {
        assertThatThrownBy(() -> new MailRecordDeserializer().deserialize("t", Fixtures.ascii("garbage!")))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }
}
