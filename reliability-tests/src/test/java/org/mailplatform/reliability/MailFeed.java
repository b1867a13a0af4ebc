package org.mailplatform.reliability;

import java.util.List;

/**
 * Hands the messages out in order to the sending threads, never beyond the released limit: the
 * crash-safety test releases the messages of the next phase once the part it killed is back, so
 * traffic flows before, during and after every kill.
 */
final class MailFeed {

    private final List<SendRecord> records;
    private int next;
    private int limit;

    MailFeed(List<SendRecord> records, int initialLimit) {
        this.records = List.copyOf(records);
        this.limit = initialLimit;
    }

    /** The next message to send, waiting while the limit holds it back; null when all are handed out. */
    synchronized SendRecord take() throws InterruptedException {
        while (next < records.size() && next >= limit) {
            wait();
        }
        return next < records.size() ? records.get(next++) : null;
    }

    synchronized void release(int newLimit) {
        limit = Math.max(limit, newLimit);
        notifyAll();
    }

    synchronized int taken() {
        return next;
    }
}
