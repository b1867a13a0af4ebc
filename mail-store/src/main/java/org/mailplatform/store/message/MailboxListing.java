package org.mailplatform.store.message;

/**
 * A mailbox's identity and the UID and size of every message in it, ascending by UID: what a
 * POP3 maildrop is opened from (RFC 1939 4), read in one query.
 *
 * @param uids  ascending
 * @param sizes {@code sizes[i]} is the RFC822.SIZE of {@code uids[i]}
 */
public record MailboxListing(long mailboxId, long uidValidity, long[] uids, long[] sizes) {

    public MailboxListing {
        if (uids.length != sizes.length) {
            throw new IllegalArgumentException("one size per UID");
        }
    }
}
