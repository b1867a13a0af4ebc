package org.mailplatform.mta.outbound;

import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.records.Recipient;

/**
 * What one delivery attempt did for one remote recipient.
 *
 * @param remoteMta the host that gave the outcome (the DSN's Remote-MTA), or null when no host was reached
 * @param relayed   delivered to a peer without DSN support (RFC 3461 5.2.2: action "relayed")
 */
public record RecipientAttempt(Recipient recipient, DeliveryOutcome outcome, String remoteMta, boolean relayed) {
}
