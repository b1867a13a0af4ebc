package org.mailplatform.records.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.mailplatform.records.DeliveryReport;

/**
 * Kafka value deserializer for {@link DeliveryReport}. An unreadable value raises {@link RecordFormatException}
 * (never null), which the consumer sees as a {@code RecordDeserializationException} to dead-letter.
 */
public final class DeliveryReportDeserializer implements Deserializer<DeliveryReport> {

    @Override
    public DeliveryReport deserialize(String topic, byte[] data) {
        return DeliveryReportCodec.decode(data);
    }
}
