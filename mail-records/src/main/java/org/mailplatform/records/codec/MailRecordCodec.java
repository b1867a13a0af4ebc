package org.mailplatform.records.codec;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;

/**
 * Encodes a {@link MailRecord} to the record value and back; usable directly from a
 * {@code Consumer<Message<byte[]>>} binding. See the package documentation for the layout.
 */
public final class MailRecordCodec {

    /** The envelope header version this code writes, and the highest it reads. */
    public static final int ENVELOPE_VERSION = EnvelopeJson.VERSION;

    private MailRecordCodec() {
    }

    public static byte[] encode(MailRecord record) {
        return RecordFrame.write(RecordKind.MAIL, encodeEnvelope(record.envelope()), record.message());
    }

    /** The envelope header alone, as compact JSON with its "v" field. */
    public static byte[] encodeEnvelope(MailEnvelope envelope) {
        return HeaderJson.write(EnvelopeJson.of(envelope));
    }

    /** @throws RecordFormatException when the value is not a mail record this code can read */
    public static MailRecord decode(byte[] value) {
        RecordFrame frame = RecordFrame.read(RecordKind.MAIL, value);
        return new MailRecord(envelope(frame), frame.payload());
    }

    /** Only the envelope, without copying the message: enough to route or to log. */
    public static MailEnvelope decodeEnvelope(byte[] value) {
        return envelope(RecordFrame.read(RecordKind.MAIL, value));
    }

    private static MailEnvelope envelope(RecordFrame frame) {
        EnvelopeJson json = HeaderJson.read(frame, RecordKind.MAIL, ENVELOPE_VERSION, EnvelopeJson.class);
        try {
            return json.toEnvelope();
        } catch (RuntimeException e) {
            throw HeaderJson.invalid(RecordKind.MAIL, e);
        }
    }
}
