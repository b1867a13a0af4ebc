package org.mailplatform.mda.delivery;

import java.util.Locale;

/**
 * Why a recipient got no copy, with the RFC 3463 status and the reply text that go into the
 * report (and from there into the DSN's Status and Diagnostic-Code, RFC 3464 2.3.4 / 2.3.6).
 */
public enum FailureReason {
    /** RFC 3463 X.1.1: the domain is ours, the mailbox does not exist. */
    UNKNOWN_RECIPIENT("5.1.1", "550 5.1.1 No such mailbox here"),
    /** RFC 3463 X.1.2: the domain is not served here (removed after the MTA accepted the mail). */
    DOMAIN_NOT_LOCAL("5.1.2", "550 5.1.2 Mail for this domain is not accepted here"),
    /** RFC 3463 X.1.3: the address cannot be a mailbox of this store. */
    INVALID_ADDRESS("5.1.3", "553 5.1.3 Recipient address is not valid"),
    /** RFC 3463 4.2.2: mailbox full, may clear up (RFC 5321 452). */
    MAILBOX_FULL_TEMPORARY("4.2.2", "452 4.2.2 Mailbox full, try again later"),
    /** RFC 3463 5.2.2: mailbox full for longer than the retry window (RFC 5321 552). */
    MAILBOX_FULL("5.2.2", "552 5.2.2 Mailbox full"),
    /** RFC 3463 X.2.1: the account is disabled and the platform refuses its mail (disabled-accounts=refuse). */
    MAILBOX_DISABLED("5.2.1", "550 5.2.1 Mailbox disabled, not accepting messages"),
    /** RFC 3463 X.1.1: the account was deleted while the message was being delivered. */
    ACCOUNT_GONE("5.1.1", "550 5.1.1 Mailbox no longer exists"),
    /** RFC 3463 X.4.6: the message already carries a Delivered-To for this mailbox. */
    FORWARDING_LOOP("5.4.6", "554 5.4.6 Mail forwarding loop detected");

    private final String status;
    private final String diagnostic;

    FailureReason(String status, String diagnostic) {
        this.status = status;
        this.diagnostic = diagnostic;
    }

    public String status() {
        return status;
    }

    public String diagnostic() {
        return diagnostic;
    }

    /** RFC 3463 3.1: class 4 is transient, the sending side may try again. */
    public boolean temporary() {
        return status.charAt(0) == '4';
    }

    /** The value of the {@code reason} metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
