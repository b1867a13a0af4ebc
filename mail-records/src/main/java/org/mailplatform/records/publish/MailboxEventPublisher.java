package org.mailplatform.records.publish;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.codec.MailboxEventCodec;
import org.mailplatform.records.topics.MailTopics;

/** Publishes {@link MailboxEvent}s to {@value MailTopics#MAILBOX_EVENTS}, keyed by account so they stay in order. */
public final class MailboxEventPublisher {

    private final AcknowledgedSender sender;

    public MailboxEventPublisher(AcknowledgedSender sender) {
        this.sender = sender;
    }

    public PublishReceipt publish(MailboxEvent event) throws PublishException {
        return sender.send(record(event));
    }

    /** Publishes the events together and returns once all are acknowledged (see {@link AcknowledgedSender#sendAll}). */
    public List<PublishReceipt> publishAll(List<MailboxEvent> events) throws PublishException {
        return sender.sendAll(events.stream().map(MailboxEventPublisher::record).toList());
    }

    private static ProducerRecord<byte[], byte[]> record(MailboxEvent event) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(MailTopics.MAILBOX_EVENTS,
                RecordHeaders.utf8(event.account()), MailboxEventCodec.encode(event));
        RecordHeaders.add(out, MailHeaders.EVENT_ORIGIN, event.originReplica());
        RecordHeaders.add(out, MailHeaders.TRACE_ID, event.traceId());
        return out;
    }
}
