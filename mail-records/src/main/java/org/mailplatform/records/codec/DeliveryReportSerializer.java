package org.mailplatform.records.codec;

import org.apache.kafka.common.serialization.Serializer;
import org.mailplatform.records.DeliveryReport;

/** Kafka value serializer for {@link DeliveryReport}; see {@link DeliveryReportCodec}. */
public final class DeliveryReportSerializer implements Serializer<DeliveryReport> {

    @Override
    public byte[] serialize(String topic, DeliveryReport value) {
        return value == null ? null : DeliveryReportCodec.encode(value);
    }
}
