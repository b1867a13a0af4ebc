package org.mailplatform.mta.outbound;

import java.util.List;

import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;

/**
 * The recipients of one message that share a route: one transaction (or a few, past the
 * per-transaction recipient limit) on one connection. Jobs are compared by identity: two copies
 * of one record in a batch are two jobs.
 */
public final class DeliveryJob {

    private final MailRecord record;
    private final Route route;
    private final List<Recipient> recipients;

    public DeliveryJob(MailRecord record, Route route, List<Recipient> recipients) {
        this.record = record;
        this.route = route;
        this.recipients = List.copyOf(recipients);
    }

    public MailRecord record() {
        return record;
    }

    public Route route() {
        return route;
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    @Override
    public String toString() {
        return "DeliveryJob[" + record.queueId() + " via " + route.key() + " to " + recipients.size() + "]";
    }
}
