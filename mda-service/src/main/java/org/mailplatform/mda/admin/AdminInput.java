package org.mailplatform.mda.admin;

import org.mailplatform.store.account.DomainName;
import org.mailplatform.store.account.EmailAddress;

/**
 * Parses the names the API is given with the store's own rules, so a bad one is a 400 naming the
 * field before anything reaches the store.
 */
final class AdminInput {

    private AdminInput() {
    }

    /** RFC 5321 2.4 / RFC 5890: lower-case A-label form. */
    static String domain(String field, String text) {
        return DomainName.normalize(text)
                .orElseThrow(() -> new InvalidInputException(field, "not a domain name"));
    }

    static EmailAddress address(String field, String text) {
        return EmailAddress.parse(text)
                .orElseThrow(() -> new InvalidInputException(field, "not an email address (local-part@domain)"));
    }

    /** An alias source: {@code local@domain}, or {@code @domain} for the domain's catch-all. */
    static String aliasSource(String field, String text) {
        String source = text == null ? "" : text.strip();
        if (source.startsWith("@")) {
            return "@" + DomainName.normalize(source.substring(1))
                    .orElseThrow(() -> new InvalidInputException(field, "not @domain (catch-all) or an email address"));
        }
        return EmailAddress.parse(source)
                .map(EmailAddress::toString)
                .orElseThrow(() -> new InvalidInputException(field, "not @domain (catch-all) or an email address"));
    }
}
