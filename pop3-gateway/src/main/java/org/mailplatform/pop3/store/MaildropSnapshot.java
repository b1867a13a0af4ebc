package org.mailplatform.pop3.store;

import java.util.List;

import org.mailplatform.store.account.Account;

/**
 * The maildrop as it was when the session opened it: RFC 1939 requires message numbers to stay
 * stable for the whole session, so messages that arrive later wait for the next one.
 *
 * @param messages ascending by UID; message number n is element n-1
 */
public record MaildropSnapshot(Account account, long mailboxId, long uidValidity, List<MaildropEntry> messages) {

    public MaildropSnapshot {
        messages = List.copyOf(messages);
    }
}
