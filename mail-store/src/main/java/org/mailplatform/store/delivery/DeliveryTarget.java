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
 */
public record DeliveryTarget(long accountId, Optional<String> mailbox, byte[] headerPrefix, MessageFlags flags) {

    public DeliveryTarget {
        headerPrefix = headerPrefix == null ? new byte[0] : headerPrefix.clone();
    }

    public static DeliveryTarget inbox(long accountId, byte[] headerPrefix) {
        return new DeliveryTarget(accountId, Optional.empty(), headerPrefix, MessageFlags.none());
    }
}
