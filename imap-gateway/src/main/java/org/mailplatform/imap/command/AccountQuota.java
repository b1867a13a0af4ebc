package org.mailplatform.imap.command;

import java.util.Optional;

import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;

/**
 * The account's storage quota as RFC 9208 shows it: one quota root, named {@code ""}, over all of
 * the account's mailboxes, with the STORAGE resource only. An account without a limit has no
 * quota root, since a QUOTA response must list at least one resource (RFC 9208 7, quota-list).
 */
final class AccountQuota {

    static final String ROOT = "";

    private AccountQuota() {
    }

    /** The account as it is now (the admin API may have changed the limit since login), if it has a limit. */
    static Optional<Account> limited(ImapSession session) {
        Account account = session.services().accounts().findById(session.accountId())
                .orElseThrow(() -> new NotFoundException("account " + session.accountId()));
        return account.hasQuota() ? Optional.of(account) : Optional.empty();
    }

    /** RFC 9208 4.2.1: {@code * QUOTA "" (STORAGE usage limit)}. */
    static void write(ImapSession session, Account account) {
        session.out().untagged().atom("QUOTA").string(ROOT).openList()
                .atom("STORAGE").number(kibibytes(account.usedBytes())).number(kibibytes(account.quotaBytes()))
                .closeList().end();
    }

    /**
     * RFC 9208 5.1: STORAGE counts units of 1024 octets. Both figures round up, so a mailbox that
     * holds anything shows a usage, and one within its limit never shows a usage above it.
     */
    static long kibibytes(long octets) {
        return Math.ceilDiv(Math.max(0, octets), 1024L);
    }
}
