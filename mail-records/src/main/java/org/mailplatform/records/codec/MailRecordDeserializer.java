package org.mailplatform.records.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.mailplatform.records.MailRecord;

/**
 * Kafka value deserializer for {@link MailRecord}. An unreadable value raises {@link RecordFormatException}
 * (never null), which the consumer sees as a {@code RecordDeserializationException} to dead-letter.
 */
public final class MailRecordDeserializer implements Deserializer<MailRecord> {

    @Override
    public MailRecord deserialize(String topic, byte[] data) {
        return MailRecordCodec.decode(data);
    }
}
