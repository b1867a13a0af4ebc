package org.mailplatform.records.codec;

import org.mailplatform.records.MailboxEvent;

/** Encodes a {@link MailboxEvent} to the record value and back; the frame has an empty payload. */
public final class MailboxEventCodec {

    /** The header version this code writes, and the highest it reads. */
    public static final int VERSION = MailboxEventJson.VERSION;

    private static final byte[] NO_PAYLOAD = new byte[0];

    private MailboxEventCodec() {
    }

    public static byte[] encode(MailboxEvent event) {
        return RecordFrame.write(RecordKind.MAILBOX_EVENT, HeaderJson.write(MailboxEventJson.of(event)), NO_PAYLOAD);
    }

    /** @throws RecordFormatException when the value is not a mailbox event this code can read */
    public static MailboxEvent decode(byte[] value) {
        RecordFrame frame = RecordFrame.read(RecordKind.MAILBOX_EVENT, value);
        MailboxEventJson json = HeaderJson.read(frame, RecordKind.MAILBOX_EVENT, VERSION, MailboxEventJson.class);
        try {
            return json.toEvent();
        } catch (RuntimeException e) {
            throw HeaderJson.invalid(RecordKind.MAILBOX_EVENT, e);
        }
    }
}
