package org.mailplatform.msgauth;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mailplatform.message.Address;

/**
 * The RFC 5322.From domain: the domain DMARC judges (RFC 7489 3.1, 6.6.1) and the domain a DKIM
 * signature must carry (d=) to align with it (RFC 7489 3.1.1). Only a message with exactly one From
 * field (RFC 5322 3.6) whose mailboxes all share one domain has one.
 */
public final class AuthorDomain {

    private AuthorDomain() {
    }

    /**
     * @param fromValues the value (after the colon) of every From field of the message, folded or not
     * @return the domain in A-label form, lower case, without a trailing dot; empty when there is no
     *         single one or it is not a domain name
     */
    public static Optional<String> of(List<String> fromValues) {
        if (fromValues.size() != 1) {
            return Optional.empty();
        }
        String domain = null;
        try {
            for (Address address : Address.parseList(fromValues.getFirst().replace("\r", "").replace("\n", ""))) {
                if (address.groupStartMarker() || address.groupEndMarker() || address.host().isEmpty()) {
                    continue;
                }
                String host = address.host().toLowerCase(Locale.ROOT);
                host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                if (domain != null && !domain.equals(host)) {
                    return Optional.empty();
                }
                domain = host;
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (domain == null) {
            return Optional.empty();
        }
        try {
            // A-labels, as DNS is queried and as d= and the MAIL FROM domain are compared (RFC 7489 3.1).
            String ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+") ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
