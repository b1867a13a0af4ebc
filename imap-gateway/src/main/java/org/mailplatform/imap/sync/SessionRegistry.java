package org.mailplatform.imap.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which sessions of this replica have which mailbox selected. */
public final class SessionRegistry {

    private final ConcurrentHashMap<Long, Set<MailboxWatcher>> watchers = new ConcurrentHashMap<>();

    public void register(long mailboxId, MailboxWatcher watcher) {
        watchers.computeIfAbsent(mailboxId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }

    public void unregister(long mailboxId, MailboxWatcher watcher) {
        watchers.computeIfPresent(mailboxId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    /** Tells every watcher of {@code mailboxId} but {@code except} (may be null); returns how many it told. */
    public int changed(long mailboxId, MailboxWatcher except) {
        Set<MailboxWatcher> set = watchers.get(mailboxId);
        if (set == null) {
            return 0;
        }
        int woken = 0;
        for (MailboxWatcher watcher : set) {
            if (watcher != except) {
                watcher.mailboxChanged(mailboxId);
                woken++;
            }
        }
        return woken;
    }

    /** Sessions with some mailbox selected. */
    public int watchedMailboxes() {
        return watchers.size();
    }
}
