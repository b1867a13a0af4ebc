package org.mailplatform.store.mailbox;

/**
 * What IMAP STATUS (RFC 9051 §6.3.11) and SELECT report about a mailbox, read in one query.
 *
 * @param sizeBytes RFC 8438 STATUS SIZE: sum of RFC822.SIZE
 * @param deleted   messages with \Deleted set (RFC 9051 STATUS DELETED)
 * @param recent    messages no read-write session has seen yet (RFC 3501 2.3.2 \Recent)
 * @param firstRecentUid the lowest UID not yet claimed as \Recent by a session
 */
public record MailboxStatus(long mailboxId, long messages, long unseen, long deleted, long sizeBytes,
                            long uidNext, long uidValidity, long highestModseq, long recent, long firstRecentUid) {
}
