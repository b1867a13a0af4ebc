package org.mailplatform.records;

import java.util.Set;

/**
 * One RCPT TO of the envelope with its DSN parameters and its delivery state.
 *
 * @param address            the forward-path address without angle brackets; UTF-8 when the
 *                           envelope is SMTPUTF8 (RFC 6531)
 * @param dsnNotify             RFC 3461 4.1 NOTIFY; empty when the client gave none, {@code {NEVER}} for NEVER
 * @param originalRecipient  RFC 3461 4.2 ORCPT, or null
 * @param state              delivery state of this recipient
 * @param lastStatus         RFC 3463 status of the last attempt (e.g. {@code 4.2.2}), or null
 * @param lastDiagnostic     the reply text of the last attempt, for the DSN's Diagnostic-Code, or null
 */
public record Recipient(
        String address,
        Set<DsnNotify> dsnNotify,
        OriginalRecipient originalRecipient,
        RecipientState state,
        String lastStatus,
        String lastDiagnostic) {

    /** RFC 5321 4.5.3.1.3 limits a path to 256 octets; room is left for UTF-8 addresses (RFC 6531). */
    static final int MAX_ADDRESS_LENGTH = 1000;

    public Recipient {
        Checks.text(address, "recipient address", MAX_ADDRESS_LENGTH);
        dsnNotify = DsnNotify.checked(dsnNotify);
        state = state == null ? RecipientState.PENDING : state;
        if (lastStatus != null) {
            EnhancedStatus.check(lastStatus);
        }
        Checks.optionalText(lastDiagnostic, "recipient diagnostic", 2000);
    }

    /** A pending recipient without DSN parameters. */
    public static Recipient of(String address) {
        return new Recipient(address, Set.of(), null, RecipientState.PENDING, null, null);
    }

    /** A pending recipient with its RCPT TO DSN parameters. */
    public static Recipient of(String address, Set<DsnNotify> dsnNotify, OriginalRecipient originalRecipient) {
        return new Recipient(address, dsnNotify, originalRecipient, RecipientState.PENDING, null, null);
    }

    /** The outcome of a delivery attempt. */
    public Recipient withOutcome(RecipientState newState, String status, String diagnostic) {
        return new Recipient(address, dsnNotify, originalRecipient, newState, status, diagnostic);
    }

    /** RFC 3461 4.1: whether the sender asked for (or defaulted to) a failure DSN. */
    public boolean wantsFailureNotice() {
        return DsnNotify.wantsFailure(dsnNotify);
    }
}
