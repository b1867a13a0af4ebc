package org.mailplatform.mta.outbound;

import org.mailplatform.records.MailRecord;
import org.mailplatform.smtp.MessageHeaders;

/**
 * What the sender asked of TLS on the way to the recipients (RFC 8689).
 *
 * @param requireTls            MAIL FROM carried REQUIRETLS: verified TLS to a REQUIRETLS hop, or
 *                              no delivery ({@link RequireTlsRelay})
 * @param recipientPolicyWaived the message has {@code TLS-Required: No} (RFC 8689 3): recipient-side
 *                              policies (MTA-STS, DANE) must not stop it; where they fail, delivery goes
 *                              on as opportunistic TLS. RFC 8689 5: with REQUIRETLS the field is ignored.
 */
public record SenderTlsPolicy(boolean requireTls, boolean recipientPolicyWaived) {

    static final String FIELD = "TLS-Required";

    public static SenderTlsPolicy of(MailRecord record) {
        boolean requireTls = record.envelope().requireTls();
        // RFC 8689 3: the only value defined is "No", case-insensitive; any other value means nothing.
        boolean waived = !requireTls && new MessageHeaders(record.message()).values(FIELD).stream()
                .anyMatch(v -> v.equalsIgnoreCase("No"));
        return new SenderTlsPolicy(requireTls, waived);
    }

    /**
     * Hook for MTA-STS (RFC 8461) and DANE (RFC 7672): whether a failure of the recipient domain's
     * TLS policy must stop delivery to it (true), or be passed over in favour of opportunistic TLS.
     */
    public boolean enforceRecipientPolicy() {
        return !recipientPolicyWaived;
    }
}
