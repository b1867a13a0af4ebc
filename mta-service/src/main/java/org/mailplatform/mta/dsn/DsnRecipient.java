package org.mailplatform.mta.dsn;

import java.time.Instant;
import java.util.Objects;

import org.mailplatform.records.OriginalRecipient;

/**
 * The per-recipient fields of a DSN (RFC 3464 2.3).
 *
 * @param address           Final-Recipient
 * @param originalRecipient Original-Recipient from ORCPT, or null
 * @param action            Action
 * @param status            Status (RFC 3463)
 * @param remoteMta         Remote-MTA host name, or null when no remote host gave the outcome
 * @param diagnostic        Diagnostic-Code text (an SMTP reply, or this MTA's own reason), or null
 * @param lastAttemptAt     Last-Attempt-Date, or null
 * @param willRetryUntil    Will-Retry-Until for delayed recipients, or null
 */
public record DsnRecipient(String address, OriginalRecipient originalRecipient, DsnAction action, String status,
                           String remoteMta, String diagnostic, Instant lastAttemptAt, Instant willRetryUntil) {

    public DsnRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
    }
}
