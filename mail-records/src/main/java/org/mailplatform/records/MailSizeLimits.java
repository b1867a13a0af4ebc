package org.mailplatform.records;

/**
 * How the SMTP SIZE limit (RFC 1870) turns into Kafka limits. The message limit is what the MSA
 * and MTA advertise; a record adds the envelope; the producer's {@code max.request.size} adds
 * record and header overhead; the topic's {@code max.message.bytes} adds batch overhead and the
 * few bytes compression can add to incompressible content.
 *
 * @param maxMessageBytes         the advertised SIZE: the largest RFC 5322 message accepted
 * @param envelopeAllowanceBytes  room for the envelope header (about 300 bytes per recipient)
 */
public record MailSizeLimits(long maxMessageBytes, long envelopeAllowanceBytes) {

    public static final long MIB = 1024L * 1024L;
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 25 * MIB;
    public static final long DEFAULT_ENVELOPE_ALLOWANCE_BYTES = 1 * MIB;
    static final long REQUEST_OVERHEAD_BYTES = 64 * 1024L;
    static final long TOPIC_OVERHEAD_BYTES = 1 * MIB;

    public MailSizeLimits {
        if (maxMessageBytes < 64 * 1024) {
            throw new IllegalArgumentException("a message limit below 64 KiB is not useful (RFC 5321 4.5.3.1.7)");
        }
        if (envelopeAllowanceBytes < 16 * 1024) {
            throw new IllegalArgumentException("the envelope allowance must be at least 16 KiB");
        }
        if (maxMessageBytes + envelopeAllowanceBytes + TOPIC_OVERHEAD_BYTES > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("size limits beyond 1 GiB do not fit a Kafka record");
        }
    }

    /** 25 MiB messages, 1 MiB envelope allowance. */
    public static MailSizeLimits defaults() {
        return new MailSizeLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_ENVELOPE_ALLOWANCE_BYTES);
    }

    /** The largest record value: a maximal message plus its envelope (26 MiB by default). */
    public long maxRecordBytes() {
        return maxMessageBytes + envelopeAllowanceBytes;
    }

    /** The producer's {@code max.request.size} (26 MiB + 64 KiB by default). */
    public int producerMaxRequestBytes() {
        return (int) (maxRecordBytes() + REQUEST_OVERHEAD_BYTES);
    }

    /** {@code max.message.bytes} of the topics that carry messages (27 MiB by default). */
    public int topicMaxMessageBytes() {
        return (int) (maxRecordBytes() + TOPIC_OVERHEAD_BYTES);
    }
}
