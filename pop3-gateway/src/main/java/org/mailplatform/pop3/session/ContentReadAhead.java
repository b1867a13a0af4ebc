package org.mailplatform.pop3.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mailplatform.pop3.store.MaildropEntry;
import org.mailplatform.pop3.store.MaildropStore;
import org.mailplatform.store.message.MessageContent;

/**
 * The contents RETR and TOP send, read from the database a batch at a time: a client downloading
 * its maildrop asks for message after message, so the one query that finds message n also brings
 * the next ones, up to {@value #MAX_MESSAGES} messages or {@value #BUDGET} octets (a message larger
 * than that comes alone). Bodies above the store's inline limit are still streamed in slices when
 * sent, so a session never holds more than about the budget.
 *
 * <p>A message expunged over IMAP after its batch was read is still sent: stored octets never
 * change, and the answer is the one the client would have had a moment earlier.
 */
public final class ContentReadAhead {

    static final long BUDGET = 256 * 1024;
    static final int MAX_MESSAGES = 64;

    private final MaildropStore store;
    private Map<Long, MessageContent> ready = new HashMap<>();

    public ContentReadAhead(MaildropStore store) {
        this.store = store;
    }

    /** Message {@code number}'s octets; empty when it is gone (expunged over IMAP since the maildrop was opened). */
    public Optional<MessageContent> content(Maildrop maildrop, int number) {
        long uid = maildrop.entry(number).uid();
        MessageContent found = ready.remove(uid);
        if (found != null) {
            return Optional.of(found);
        }
        List<Long> batch = new ArrayList<>();
        long octets = 0;
        for (int n = number; n <= maildrop.highestNumber() && batch.size() < MAX_MESSAGES; n++) {
            if (n != number && maildrop.isDeleted(n)) {
                continue;
            }
            MaildropEntry entry = maildrop.entry(n);
            if (n != number && octets + entry.size() > BUDGET) {
                break;
            }
            batch.add(entry.uid());
            octets += entry.size();
        }
        ready = new HashMap<>(store.contents(maildrop.snapshot().mailboxId(), batch));
        return Optional.ofNullable(ready.remove(uid));
    }
}
