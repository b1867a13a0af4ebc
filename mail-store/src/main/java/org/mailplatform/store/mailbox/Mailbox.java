package org.mailplatform.store.mailbox;

import java.util.Optional;

/**
 * A mailbox of one account.
 *
 * @param uidValidity   RFC 9051 2.3.1.1 UIDVALIDITY, never reused for the same name
 * @param uidNext       the UID the next message will get; UIDs only grow
 * @param highestModseq RFC 7162 HIGHESTMODSEQ
 * @param selectable    false for a \Noselect name kept only because mailboxes exist below it
 */
public record Mailbox(long id, long accountId, String name, long uidValidity, long uidNext,
                      long highestModseq, Optional<SpecialUse> specialUse, boolean subscribed,
                      boolean selectable) {

    public boolean isInbox() {
        return MailboxName.isInbox(name);
    }
}
