package org.mailplatform.msgauth.dmarc;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.mailplatform.message.Address;
import org.mailplatform.msgauth.HeaderSection;

/**
 * The RFC5322.From domain DMARC judges (RFC 7489 3.1, 6.6.1): the message must have exactly one
 * From field, and its addresses one domain.
 */
final class AuthorDomain {

    private AuthorDomain() {
    }

    /** The domain in lower case, or null when the message has no single author domain. */
    static String of(HeaderSection header) {
        List<HeaderSection.Field> from = header.fields().stream().filter(f -> f.named("From")).toList();
        if (from.size() != 1) {
            return null;
        }
        Set<String> domains = new TreeSet<>();
        try {
            for (Address a : Address.parseList(header.value(from.getFirst()))) {
                if (a.host() != null && !a.host().isEmpty()) {
                    String host = a.host().toLowerCase(Locale.ROOT);
                    domains.add(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        if (domains.size() != 1) {
            return null;
        }
        try {
            // A-labels, as DNS is queried and as d= and the MAIL FROM domain are compared (RFC 7489 3.1).
            String domain = IDN.toASCII(domains.iterator().next(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return domain.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+") ? domain : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
