package org.mailplatform.imap.fetch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mailplatform.store.message.MessageContent;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.UidSet;

/**
 * The octets of the messages one FETCH writes, in the order it writes them. Small messages are read
 * ahead with one query for up to {@value #MAX_MESSAGES} of them, or {@value #MAX_BYTES} octets,
 * whichever comes first, so a client downloading a mailbox costs a query per batch, not per
 * message; a large message is read alone, in slices, as it is written. What was read ahead is
 * handed out once and then forgotten, so no more than one batch is held.
 */
public final class ContentPrefetch {

    static final int MAX_MESSAGES = 64;
    static final long MAX_BYTES = 2L * 1024 * 1024;

    private final MessageRepository messages;
    private final long mailboxId;
    private final List<MessageSummary> summaries;
    private final Map<Long, Integer> positions = new HashMap<>();
    private final Map<Long, MessageContent> ahead = new HashMap<>();
    private int readUpTo;

    /** @param summaries the messages in the order they will be asked for */
    public ContentPrefetch(MessageRepository messages, long mailboxId, List<MessageSummary> summaries) {
        this.messages = messages;
        this.mailboxId = mailboxId;
        this.summaries = summaries;
        for (int i = 0; i < summaries.size(); i++) {
            positions.put(summaries.get(i).uid(), i);
        }
    }

    /** The message's octets; empty when it is gone from the store. */
    public Optional<MessageContent> content(MessageSummary summary) {
        MessageContent read = ahead.remove(summary.uid());
        if (read != null) {
            return Optional.of(read);
        }
        Integer at = positions.get(summary.uid());
        if (at == null || at < readUpTo || !small(summary)) {
            return messages.content(mailboxId, summary.uid());
        }
        int end = batchEnd(summaries, at);
        List<Long> uids = new ArrayList<>(end - at);
        for (int i = at; i < end; i++) {
            uids.add(summaries.get(i).uid());
        }
        ahead.clear();
        ahead.putAll(messages.contents(mailboxId, UidSet.of(uids)));
        readUpTo = end;
        return Optional.ofNullable(ahead.remove(summary.uid()));
    }

    /**
     * The end (exclusive) of the batch that starts with the small message at {@code from}: the run of
     * small messages after it, within the count and size limits.
     */
    static int batchEnd(List<MessageSummary> summaries, int from) {
        long bytes = 0;
        int end = from;
        while (end < summaries.size() && end - from < MAX_MESSAGES && small(summaries.get(end))
                && bytes + summaries.get(end).size() <= MAX_BYTES) {
            bytes += summaries.get(end).size();
            end++;
        }
        return Math.max(end, from + 1);
    }

    /** Small enough to come back with the batch query itself rather than in later slices. */
    private static boolean small(MessageSummary summary) {
        return summary.size() <= MessageRepository.INLINE_BODY_LIMIT;
    }
}
