package org.mailplatform.imap.sync;

/** A session with a mailbox selected, told when that mailbox changes. */
@FunctionalInterface
public interface MailboxWatcher {

    /** May be called from any thread; the watcher moves the work onto its own. */
    void mailboxChanged(long mailboxId);
}
