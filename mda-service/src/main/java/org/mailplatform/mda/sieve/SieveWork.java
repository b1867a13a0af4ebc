package org.mailplatform.mda.sieve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.mailplatform.records.MailRecord;
import org.mailplatform.store.trace.MessageEvent;

/**
 * What the scripts of one record's accounts leave to do once the copies are committed: records for
 * {@code mail.outbound} (redirects, rejection notices) and vacation replies, each sent only if its
 * claim succeeds; and the trace events that say what the scripts did.
 */
public final class SieveWork {

    /** A vacation reply, sent when the account has not replied to this sender within the period. */
    record Reply(long accountId, String handle, String sender, Duration period, MailRecord record) {
    }

    final List<MailRecord> outbound = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    private final List<MessageEvent> traced = new ArrayList<>();

    void trace(MessageEvent event) {
        traced.add(event);
    }

    /** The trace events of the scripts' actions and failures. */
    public List<MessageEvent> traced() {
        return List.copyOf(traced);
    }
}
