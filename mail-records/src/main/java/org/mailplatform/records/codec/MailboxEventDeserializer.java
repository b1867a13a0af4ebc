package org.mailplatform.records.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.mailplatform.records.MailboxEvent;

/**
 * Kafka value deserializer for {@link MailboxEvent}. An unreadable value raises {@link RecordFormatException}
 * (never null), which the consumer sees as a {@code RecordDeserializationException} to dead-letter.
 */
public final class MailboxEventDeserializer implements Deserializer<MailboxEvent> {

    @Override
    public MailboxEvent deserialize(String topic, byte[] data) {
        return MailboxEventCodec.decode(data);
    }
}
