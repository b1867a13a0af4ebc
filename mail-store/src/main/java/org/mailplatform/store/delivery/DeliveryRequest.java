package org.mailplatform.store.delivery;

import java.time.Instant;
import java.util.List;

import org.mailplatform.store.message.IncomingMessage;

/**
 * A message to file into local mailboxes: one body, many recipients.
 *
 * @param queueId      the envelope's queue id; with each recipient it keys the idempotency ledger
 * @param internalDate IMAP INTERNALDATE (RFC 9051 2.3.3): when the message was received
 */
public record DeliveryRequest(String queueId, IncomingMessage message, Instant internalDate,
                              List<DeliveryTarget> targets) {

    public DeliveryRequest {
        if (queueId == null || queueId.isBlank()) {
            throw new IllegalArgumentException("queue id missing");
        }
        targets = List.copyOf(targets);
    }
}
