package org.mailplatform.mda.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Takes what one poll of {@code mail.delivery} returned and delivers it as one batch: one store
 * transaction for every copy, then each record's follow-ups and all mailbox events together (see
 * {@link DeliveryProcessor#processAll}). Returning normally lets the container commit the batch's
 * offsets; a batch stopped anywhere before that is delivered again, and the ledger turns what was
 * already stored into duplicates.
 *
 * <p>When the batch fails, its records are delivered again one by one with the record listener,
 * so that the failure is pinned on one record ({@link BatchListenerFailedException}): the records
 * before it are done, and only that record is retried and, if it keeps failing, dead-lettered by
 * {@link DeliveryErrorHandler}, as with one record per poll.
 */
public final class DeliveryBatchListener implements BatchMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBatchListener.class);

    private final DeliveryProcessor processor;
    private final DeliveryRecordListener single;
    private final MailTracing tracing;

    public DeliveryBatchListener(DeliveryProcessor processor, DeliveryRecordListener single, MailTracing tracing) {
        this.processor = processor;
        this.single = single;
        this.tracing = tracing;
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.size() == 1) {
            oneByOne(records, Set.of());
            return;
        }
        Set<Integer> parked = new HashSet<>();
        List<DeliveryProcessor.Incoming> batch = new ArrayList<>();
        List<MailSpan> spans = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            MailRecord mail;
            try {
                mail = MailRecordCodec.decode(record.value());
            } catch (SerializationException e) {
                single.park(record, e);
                parked.add(i);
                continue;
            }
            batch.add(new DeliveryProcessor.Incoming(mail, Instant.ofEpochMilli(record.timestamp())));
            spans.add(tracing.consume(DeliveryRecordListener.SPAN_NAME, record.headers())
                    .tag(MailSpan.QUEUE_ID, mail.queueId())
                    .tagMessageId(mail.message())
                    .tag("mail.recipients", String.valueOf(mail.envelope().recipients().size())));
        }
        try {
            processor.processAll(batch);
        } catch (RuntimeException e) {
            spans.forEach(s -> s.error(e));
            log.warn("a batch of {} records failed ({}); delivering them one by one", batch.size(), e.toString());
            oneByOne(records, parked);
        } finally {
            spans.forEach(MailSpan::end);
        }
    }

    private void oneByOne(List<ConsumerRecord<byte[], byte[]>> records, Set<Integer> parked) {
        for (int i = 0; i < records.size(); i++) {
            if (parked.contains(i)) {
                continue;
            }
            try {
                single.onMessage(records.get(i));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("delivering " + records.get(i).topic() + "-"
                        + records.get(i).partition() + " offset " + records.get(i).offset() + " failed", e,
                        records.get(i));
            }
        }
    }
}
