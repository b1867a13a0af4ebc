package org.mailplatform.mda.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mailplatform.records.MailRecord;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.Consumed;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what one poll of {@code mail.delivery} returned and delivers it as one batch: one store
 * transaction for every copy, then each record's follow-ups and all mailbox events together (see
 * {@link DeliveryProcessor#processAll}). Returning all done lets the consumer commit the batch's
 * offsets; a batch stopped anywhere before that is delivered again, and the ledger turns what was
 * already stored into duplicates.
 *
 * <p>When the batch fails, its records are delivered again one by one with the record listener,
 * so that the failure is pinned on one record: the records before it in its partition are done,
 * and only that record is retried and, if it keeps failing, dead-lettered (see
 * {@link DeliveryErrorHandler}), as with one record per poll.
 */
public final class DeliveryBatchListener implements BatchHandler<MailRecord> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBatchListener.class);

    private final DeliveryProcessor processor;
    private final BatchHandler<MailRecord> oneByOne;
    private final MailTracing tracing;

    public DeliveryBatchListener(DeliveryProcessor processor, DeliveryRecordListener single, MailTracing tracing) {
        this.processor = processor;
        this.oneByOne = BatchHandler.perRecord(single);
        this.tracing = tracing;
    }

    @Override
    public List<Exception> handle(List<Consumed<MailRecord>> records) {
        if (records.size() == 1) {
            return oneByOne.handle(records);
        }
        List<DeliveryProcessor.Incoming> batch = new ArrayList<>();
        List<MailSpan> spans = new ArrayList<>();
        for (Consumed<MailRecord> record : records) {
            MailRecord mail = record.value();
            batch.add(new DeliveryProcessor.Incoming(mail, Instant.ofEpochMilli(record.raw().timestamp())));
            spans.add(tracing.consume(DeliveryRecordListener.SPAN_NAME, record.raw().headers())
                    .tag(MailSpan.QUEUE_ID, mail.queueId())
                    .tagMessageId(mail.message())
                    .tag("mail.recipients", String.valueOf(mail.envelope().recipients().size())));
        }
        try {
            processor.processAll(batch);
            return Collections.nCopies(records.size(), null);
        } catch (RuntimeException e) {
            spans.forEach(s -> s.error(e));
            log.warn("a batch of {} records failed ({}); delivering them one by one", batch.size(), e.toString());
        } finally {
            spans.forEach(MailSpan::end);
        }
        return oneByOne.handle(records);
    }
}
