package org.mailplatform.store.delivery;

import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of one delivery transaction.
 *
 * @param bodyId     the shared body stored, empty when no recipient needed a new copy
 * @param recipients one entry per distinct target account, in request order
 */
public record DeliveryReport(OptionalLong bodyId, List<RecipientDelivery> recipients) {

    /** Whether every recipient has its copy now (delivered or already there). */
    public boolean allStored() {
        return recipients.stream().allMatch(r -> r.status() == RecipientDelivery.Status.DELIVERED
                || r.status() == RecipientDelivery.Status.DUPLICATE);
    }
}
