package org.mailplatform.mta.outbound;

import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.records.Recipient;

/**
 * What one delivery attempt did for one remote recipient.
 *
 * @param remoteMta the host that gave the outcome (the DSN's Remote-MTA), or null when no host was reached
 * @param relayed   delivered to a peer without DSN support (RFC 3461 5.2.2: action "relayed")
 * @param throttled not tried: a per-destination limit held it back, so it is no delivery attempt
 */
public record RecipientAttempt(Recipient recipient, DeliveryOutcome outcome, String remoteMta, boolean relayed,
                               boolean throttled) {

    public RecipientAttempt(Recipient recipient, DeliveryOutcome outcome, String remoteMta, boolean relayed) {
        this(recipient, outcome, remoteMta, relayed, false);
    }

    public static RecipientAttempt throttled(Recipient recipient, DeliveryOutcome outcome) {
        return new RecipientAttempt(recipient, outcome, null, false, true);
    }
}
