package org.mailplatform.records.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MailRecordCodecTest {

    private final MailRecordSerializer serializer = new MailRecordSerializer();
    private final MailRecordDeserializer deserializer = new MailRecordDeserializer();

    private MailRecord roundTrip(MailRecord record) {
        return deserializer.deserialize("mail.outbound", serializer.serialize("mail.outbound", record));
    }

    @Test
    void everyByteValueInTheBodySurvives() {
        byte[] body = new byte[256 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        MailRecord decoded = roundTrip(new MailRecord(Fixtures.fullEnvelope(), body));
        assertThat(decoded.message()).isEqualTo(body);
    }

    @Test
    void lineEndingsArePreservedExactly() {
        byte[] body = Fixtures.ascii("Subject: x\r\n\r\nCRLF line\r\nbare LF\nbare CR\rCR CR LF\r\r\n.\r\n..dots\r\n");
        MailRecord decoded = roundTrip(new MailRecord(Fixtures.fullEnvelope(), body));
        assertThat(decoded.message()).isEqualTo(body);
    }

    @Test
    void messageBytesFollowTheEnvelopeVerbatimNotBase64() {
        byte[] body = Fixtures.ascii("Subject: raw\r\n\r\n\"quoted\" \\ backslash\r\n");
        byte[] value = MailRecordCodec.encode(new MailRecord(Fixtures.fullEnvelope(), body));
        assertThat(Arrays.copyOfRange(value, value.length - body.length, value.length)).isEqualTo(body);
        assertThat(Arrays.copyOfRange(value, 0, 4)).isEqualTo(Fixtures.ascii("MAIL"));
        assertThat(value[4]).isEqualTo((byte) 1);
    }

    @Test
    void envelopeIsCompactJsonWithAVersionField() {
        byte[] value = MailRecordCodec.encode(new MailRecord(Fixtures.fullEnvelope(), new byte[] {1, 2, 3}));
        int length = ByteBuffer.wrap(value, 5, 4).getInt();
        String json = new String(value, 9, length, StandardCharsets.UTF_8);
        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.get("v").intValue()).isEqualTo(1);
        assertThat(tree.get("id").stringValue()).isEqualTo("01JCZ3V5R8K2M4N6P8Q0S2T4V6");
        assertThat(json).doesNotContain("\n").doesNotContain(": ");
        assertThat(9 + length + 3).isEqualTo(value.length);
    }

    @Test
    void allEnvelopeFieldsRoundTrip() {
        MailEnvelope envelope = Fixtures.fullEnvelope();
        MailRecord decoded = roundTrip(new MailRecord(envelope, Fixtures.ascii("x")));
        assertThat(decoded.envelope()).isEqualTo(envelope);
    }

    @Test
    void nullSenderRoundTripsAsNullSender() {
        MailEnvelope envelope = Fixtures.minimalEnvelope("Q1").toBuilder().mailFrom(MailEnvelope.NULL_SENDER).build();
        MailRecord decoded = roundTrip(new MailRecord(envelope, Fixtures.ascii("bounce")));
        assertThat(decoded.envelope().isNullSender()).isTrue();
        assertThat(decoded.envelope().mailFrom()).isEmpty();
        assertThat(decoded.envelope()).isEqualTo(envelope);
    }

    @Test
    void utf8AddressesRoundTrip() {
        MailEnvelope envelope = Fixtures.minimalEnvelope("Q2").toBuilder()
                .mailFrom("用户@例子.广告")
                .recipients(java.util.List.of(Recipient.of("ñoño@exämple.org"), Recipient.of("пользователь@пример.рф"),
                        Recipient.of("😀@emoji.example")))
                .smtpUtf8(true)
                .bodyType(BodyType.EIGHT_BIT_MIME)
                .build();
        byte[] body = "Subject: =?UTF-8?B?w6k=?=\r\n\r\nünïcödé\r\n".getBytes(StandardCharsets.UTF_8);
        MailRecord decoded = roundTrip(new MailRecord(envelope, body));
        assertThat(decoded.envelope()).isEqualTo(envelope);
        assertThat(decoded.envelope().recipients().get(2).address()).isEqualTo("😀@emoji.example");
        assertThat(decoded.message()).isEqualTo(body);
    }

    @Test
    void a25MebibyteMessageRoundTrips() {
        byte[] body = new byte[25 * 1024 * 1024];
        new Random(7).nextBytes(body);
        MailRecord decoded = roundTrip(new MailRecord(Fixtures.fullEnvelope(), body));
        assertThat(decoded.message()).hasSize(body.length);
        assertThat(Arrays.equals(decoded.message(), body)).isTrue();
    }

    @Test
    void emptyMessageRoundTrips() {
        MailRecord decoded = roundTrip(new MailRecord(Fixtures.minimalEnvelope("Q3"), new byte[0]));
        assertThat(decoded.message()).isEmpty();
    }

    @Test
    void envelopeCanBeReadWithoutTheMessage() {
        MailRecord record = new MailRecord(Fixtures.fullEnvelope(), new byte[1000]);
        assertThat(MailRecordCodec.decodeEnvelope(MailRecordCodec.encode(record))).isEqualTo(record.envelope());
    }

    @Test
    void junkFilingRoundTripsAsAnOptionalVersion1Field() {
        MailEnvelope envelope = Fixtures.minimalEnvelope("Q4").withJunk("rspamd: add header (score 9.2)");
        byte[] value = MailRecordCodec.encode(new MailRecord(envelope, Fixtures.ascii("x")));
        String json = new String(value, 9, ByteBuffer.wrap(value, 5, 4).getInt(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"v\":1,").contains("\"junk\":{\"reason\":\"rspamd: add header (score 9.2)\"}");
        MailEnvelope decoded = MailRecordCodec.decode(value).envelope();
        assertThat(decoded.isJunk()).isTrue();
        assertThat(decoded.junk().reason()).isEqualTo("rspamd: add header (score 9.2)");
        assertThat(decoded).isEqualTo(envelope);
    }

    @Test
    void anEnvelopeWithoutJunkWritesNoJunkField() {
        byte[] value = MailRecordCodec.encode(new MailRecord(Fixtures.fullEnvelope(), Fixtures.ascii("x")));
        String json = new String(value, 9, ByteBuffer.wrap(value, 5, 4).getInt(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("junk");
        assertThat(MailRecordCodec.decode(value).envelope().isJunk()).isFalse();
    }

    @Test
    void requireTlsRoundTripsAsAnOptionalVersion1FieldAndIsAbsentWhenNotAsked() {
        MailEnvelope envelope = Fixtures.minimalEnvelope("Q5").toBuilder().requireTls(true).build();
        byte[] value = MailRecordCodec.encode(new MailRecord(envelope, Fixtures.ascii("x")));
        String json = new String(value, 9, ByteBuffer.wrap(value, 5, 4).getInt(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"v\":1,").contains("\"requireTls\":true");
        assertThat(MailRecordCodec.decode(value).envelope()).isEqualTo(envelope);

        byte[] plain = MailRecordCodec.encode(new MailRecord(Fixtures.fullEnvelope(), Fixtures.ascii("x")));
        String plainJson = new String(plain, 9, ByteBuffer.wrap(plain, 5, 4).getInt(), StandardCharsets.UTF_8);
        // A record written before the field existed reads as not requiring TLS.
        assertThat(plainJson).doesNotContain("requireTls");
        assertThat(MailRecordCodec.decode(plain).envelope().requireTls()).isFalse();
    }

    @Test
    void serializerPassesNullThrough() {
        assertThat(serializer.serialize("t", null)).isNull();
    }
}
