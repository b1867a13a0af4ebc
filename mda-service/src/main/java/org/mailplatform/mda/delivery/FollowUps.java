package org.mailplatform.mda.delivery;

import java.util.List;

import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.publish.DeliveryReportPublisher;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;

/**
 * Publishes what a delivery hands on, each call returning only after Kafka acknowledged, so the
 * consumer offset is committed only when nothing can be lost any more.
 */
public final class FollowUps {

    private final MailRecordPublisher mail;
    private final MailboxEventPublisher events;
    private final DeliveryReportPublisher reports;

    public FollowUps(MailRecordPublisher mail, MailboxEventPublisher events, DeliveryReportPublisher reports) {
        this.mail = mail;
        this.events = events;
        this.reports = reports;
    }

    /** Remote alias targets go to the MTA like submitted mail. */
    public void forward(MailRecord record) {
        try {
            mail.publish(MailTopics.OUTBOUND, record);
        } catch (PublishException e) {
            throw new FollowUpFailedException("forward " + record.queueId() + " not acknowledged", e);
        }
    }

    public void announce(List<MailboxEvent> newMessages) {
        for (MailboxEvent event : newMessages) {
            try {
                events.publish(event);
            } catch (PublishException e) {
                throw new FollowUpFailedException("mailbox event for " + event.account() + " not acknowledged", e);
            }
        }
    }

    /** The events of a batch of deliveries, sent together and acknowledged as a whole. */
    public void announceAll(List<MailboxEvent> newMessages) {
        if (newMessages.isEmpty()) {
            return;
        }
        try {
            events.publishAll(newMessages);
        } catch (PublishException e) {
            throw new FollowUpFailedException(newMessages.size() + " mailbox events not acknowledged", e);
        }
    }

    public void report(DeliveryReport report) {
        try {
            reports.publish(report);
        } catch (PublishException e) {
            throw new FollowUpFailedException("delivery report not acknowledged", e);
        }
    }
}
