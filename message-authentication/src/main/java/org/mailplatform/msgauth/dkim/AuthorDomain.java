package org.mailplatform.msgauth.dkim;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mailplatform.message.Address;

/**
 * The domain of the RFC 5322.From mailbox: the domain a DKIM signature must carry (d=) for DMARC
 * alignment (RFC 7489 3.1.1). Only a message with exactly one From field (RFC 5322 3.6) whose
 * mailboxes all share one domain has one.
 */
final class AuthorDomain {

    private AuthorDomain() {
    }

    /** The From domain in A-label form, lower case; empty when there is no single one. */
    static Optional<String> of(MessageHeaderFields headers) {
        List<String> from = headers.getFields("from");
        if (from.size() != 1) {
            return Optional.empty();
        }
        String field = from.getFirst();
        String value = field.substring(field.indexOf(':') + 1).replace("\r\n", "");
        String domain = null;
        for (Address address : Address.parseList(value)) {
            if (address.groupStartMarker() || address.groupEndMarker() || address.host().isEmpty()) {
                continue;
            }
            String host = address.host().toLowerCase(Locale.ROOT);
            if (domain != null && !domain.equals(host)) {
                return Optional.empty();
            }
            domain = host;
        }
        if (domain == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
