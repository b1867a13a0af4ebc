package org.mailplatform.mta.client;

import org.mailplatform.records.Recipient;

/** What one transaction did for one recipient. */
public record RecipientResult(Recipient recipient, DeliveryOutcome outcome) {
}
