package org.mailplatform.store.account;

import java.util.Locale;

/**
 * What becomes of mail for a disabled account ({@code mailplatform.delivery.disabled-accounts}).
 * Disabling stops logins; whether it also stops mail is the operator's choice.
 */
public enum DisabledAccounts {
    /** Delivered as before, as Postfix and Dovecot do for a user whose logins are denied: nothing is lost while the account is suspended. */
    ACCEPT,
    /** Refused at RCPT with 550 5.2.1 (RFC 3463: mailbox disabled, not accepting messages). */
    REFUSE;

    public static final String PROPERTY = "mailplatform.delivery.disabled-accounts";

    public static DisabledAccounts parse(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "accept" -> ACCEPT;
            case "refuse" -> REFUSE;
            default -> throw new IllegalArgumentException(PROPERTY + " must be accept or refuse, not '" + value + "'");
        };
    }

    /** Whether the account gets no copy. */
    public boolean refuses(Account account) {
        return this == REFUSE && account.disabled();
    }

    /** Whether a recipient that resolved so is refused: every account it reaches is disabled and it forwards nowhere. */
    public boolean refuses(Resolution.Deliver deliver) {
        return this == REFUSE && deliver.forwards().isEmpty() && deliver.accounts().stream().allMatch(Account::disabled);
    }
}
