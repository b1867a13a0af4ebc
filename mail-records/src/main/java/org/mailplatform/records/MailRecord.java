package org.mailplatform.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message on a mail topic: its envelope and the raw RFC 5322 bytes exactly as received
 * (CRLF line ends, 8-bit and binary content untouched, dot-stuffing already removed).
 * <p>
 * The byte array is not copied, to spare a 25 MiB copy per hop: whoever builds a record hands the
 * array over and does not change it afterwards.
 */
public record MailRecord(MailEnvelope envelope, byte[] message) {

    public MailRecord {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(message, "message");
    }

    public String queueId() {
        return envelope.queueId();
    }

    public MailRecord withEnvelope(MailEnvelope newEnvelope) {
        return new MailRecord(newEnvelope, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailRecord other && envelope.equals(other.envelope) && Arrays.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return 31 * envelope.hashCode() + Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "MailRecord[queueId=" + envelope.queueId() + ", recipients=" + envelope.recipients().size()
                + ", messageBytes=" + message.length + "]";
    }
}
