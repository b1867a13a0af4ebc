package org.mailplatform.records.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.codec.DeliveryReportCodec;
import org.mailplatform.records.topics.MailTopics;

/**
 * Publishes {@link DeliveryReport}s to {@value MailTopics#DELIVERY_REPORTS}, keyed by queue id. The
 * MDA commits its consumer offset only after this returned, so no failure goes unreported.
 */
public final class DeliveryReportPublisher {

    private final AcknowledgedSender sender;

    public DeliveryReportPublisher(AcknowledgedSender sender) {
        this.sender = sender;
    }

    public PublishReceipt publish(DeliveryReport report) throws PublishException {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(MailTopics.DELIVERY_REPORTS,
                RecordHeaders.utf8(report.queueId()), DeliveryReportCodec.encode(report));
        RecordHeaders.add(out, MailHeaders.QUEUE_ID, report.queueId());
        RecordHeaders.add(out, MailHeaders.TRACE_ID, report.traceId());
        return sender.send(out);
    }
}
