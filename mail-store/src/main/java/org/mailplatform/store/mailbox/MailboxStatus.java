package org.mailplatform.store.mailbox;

/**
 * What IMAP STATUS (RFC 9051 §6.3.11) and SELECT report about a mailbox, read in one query.
 *
 * @param sizeBytes RFC 8438 STATUS SIZE: sum of RFC822.SIZE
 * @param deleted   messages with \Deleted set (RFC 9051 STATUS DELETED)
 */
public record MailboxStatus(long mailboxId, long messages, long unseen, long deleted, long sizeBytes,
                            long uidNext, long uidValidity, long highestModseq) {
}
