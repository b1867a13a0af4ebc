package org.mailplatform.mda.delivery;

import java.util.List;

import org.mailplatform.records.RecipientReport;

/**
 * What one record's delivery did.
 *
 * @param delivered  copies stored now
 * @param duplicates copies an earlier delivery of the record had stored
 * @param forwarded  remote addresses handed to the MTA
 * @param reported   recipients reported to the MTA (failures, and successes asked for by NOTIFY)
 */
public record DeliveryOutcome(int delivered, int duplicates, int forwarded, List<RecipientReport> reported) {

    public static final DeliveryOutcome NOTHING = new DeliveryOutcome(0, 0, 0, List.of());

    public DeliveryOutcome {
        reported = List.copyOf(reported);
    }
}
