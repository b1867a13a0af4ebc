package org.mailplatform.store.message;

import java.util.List;

/**
 * FETCH metadata of some messages with the mailbox's HIGHESTMODSEQ, read from one snapshot.
 *
 * @param highestModseq the mailbox's HIGHESTMODSEQ when the messages were read; -1 when no message
 *                      was read (it was then not looked at)
 */
public record MessageSummaries(long highestModseq, List<MessageSummary> messages) {

    public MessageSummaries {
        messages = List.copyOf(messages);
    }
}
