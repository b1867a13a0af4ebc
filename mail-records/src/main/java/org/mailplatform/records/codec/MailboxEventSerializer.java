package org.mailplatform.records.codec;

import org.apache.kafka.common.serialization.Serializer;
import org.mailplatform.records.MailboxEvent;

/** Kafka value serializer for {@link MailboxEvent}; see {@link MailboxEventCodec}. */
public final class MailboxEventSerializer implements Serializer<MailboxEvent> {

    @Override
    public byte[] serialize(String topic, MailboxEvent value) {
        return value == null ? null : MailboxEventCodec.encode(value);
    }
}
