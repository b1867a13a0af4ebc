package org.mailplatform.store.account;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * The one spelling of a domain name the store keeps and compares: ASCII (IDNA A-labels), lower
 * case, no trailing dot. RFC 5321 2.4: domain names are case-insensitive; RFC 5890: a U-label and
 * its A-label name the same domain, so both spellings find the same row.
 */
public final class DomainName {

    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private DomainName() {
    }

    /** The normalised name, or empty when the text is not a usable domain name. */
    public static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return valid(ascii) ? Optional.of(ascii) : Optional.empty();
    }

    /** The normalised name; {@link IllegalArgumentException} when it is not a domain name. */
    public static String require(String text) {
        return normalize(text).orElseThrow(() -> new IllegalArgumentException("not a domain name: " + text));
    }

    // RFC 1035 2.3.1 / RFC 5321 4.1.2: letters, digits and hyphens; labels 1-63 octets, no
    // hyphen at either end. Address literals ([192.0.2.1]) are never local domains here.
    private static boolean valid(String name) {
        if (name.length() > MAX_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL
                    || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
