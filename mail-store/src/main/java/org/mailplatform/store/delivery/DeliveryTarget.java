package org.mailplatform.store.delivery;

import java.util.Optional;

import org.mailplatform.store.message.MessageFlags;

/**
 * One local recipient of a delivery.
 *
 * @param mailbox      the mailbox to file into (e.g. chosen by a filter); INBOX when empty or
 *                     when no selectable mailbox has that name
 * @param headerPrefix header lines shown before the shared body for this recipient only
 *                     (RFC 5321 4.4 Return-Path, Delivered-To), each ending in CRLF; may be empty
 * @param copy         "" for an account's one copy; a name of its own for each further copy of the
 *                     same message for the same account (a Sieve script filing into several
 *                     mailboxes), so that each copy has its own row in the idempotency ledger
 */
public record DeliveryTarget(long accountId, Optional<String> mailbox, byte[] headerPrefix, MessageFlags flags,
                             String copy) {

    public DeliveryTarget {
        headerPrefix = headerPrefix == null ? new byte[0] : headerPrefix.clone();
        copy = copy == null ? "" : copy;
    }

    public DeliveryTarget(long accountId, Optional<String> mailbox, byte[] headerPrefix, MessageFlags flags) {
        this(accountId, mailbox, headerPrefix, flags, "");
    }

    public static DeliveryTarget inbox(long accountId, byte[] headerPrefix) {
        return new DeliveryTarget(accountId, Optional.empty(), headerPrefix, MessageFlags.none());
    }
}
