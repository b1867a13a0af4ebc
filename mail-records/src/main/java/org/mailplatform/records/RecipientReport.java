package org.mailplatform.records;

import java.util.Set;

/**
 * What happened to one recipient, for the DSN's per-recipient fields (RFC 3464 2.3).
 *
 * @param address           the recipient (Final-Recipient)
 * @param originalRecipient ORCPT from the envelope (Original-Recipient), or null
 * @param dsnNotify            NOTIFY from the envelope; decides whether a DSN is sent at all
 * @param status            RFC 3463 status code, e.g. {@code 5.1.1} or {@code 4.2.2} (Status)
 * @param diagnostic        the reply text that explains it (Diagnostic-Code), or null
 */
public record RecipientReport(
        String address,
        OriginalRecipient originalRecipient,
        Set<DsnNotify> dsnNotify,
        String status,
        String diagnostic) {

    public RecipientReport {
        Checks.text(address, "recipient address", Recipient.MAX_ADDRESS_LENGTH);
        dsnNotify = DsnNotify.checked(dsnNotify);
        EnhancedStatus.check(status);
        Checks.optionalText(diagnostic, "diagnostic", 2000);
    }

    /** A report for an envelope recipient, keeping its ORCPT and NOTIFY. */
    public static RecipientReport of(Recipient recipient, String status, String diagnostic) {
        return new RecipientReport(recipient.address(), recipient.originalRecipient(), recipient.dsnNotify(), status,
                diagnostic);
    }

    /** RFC 3463 3.1: class 5 is a permanent failure. */
    public boolean permanent() {
        return status.charAt(0) == '5';
    }

    /** RFC 3463 3.1: class 4 is a persistent transient failure. */
    public boolean temporary() {
        return status.charAt(0) == '4';
    }

    /** RFC 3463 3.1: class 2 is success. */
    public boolean success() {
        return status.charAt(0) == '2';
    }
}
