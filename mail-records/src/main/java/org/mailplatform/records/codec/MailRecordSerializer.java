package org.mailplatform.records.codec;

import org.apache.kafka.common.serialization.Serializer;
import org.mailplatform.records.MailRecord;

/** Kafka value serializer for {@link MailRecord}; see {@link MailRecordCodec}. */
public final class MailRecordSerializer implements Serializer<MailRecord> {

    @Override
    public byte[] serialize(String topic, MailRecord value) {
        return value == null ? null : MailRecordCodec.encode(value);
    }
}
