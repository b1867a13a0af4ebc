package org.mailplatform.msa.autoconfig;

import java.util.Optional;

import org.mailplatform.store.account.DomainName;

/**
 * The address a client asks its settings for. Only its domain decides the answer, so whether an
 * account exists is never revealed; the address itself is echoed back as the login name.
 *
 * @param address the address with its domain normalised (ASCII, lower case)
 * @param domain  the normalised domain
 */
record SetupAddress(String address, String domain) {

    // RFC 5321 4.5.3.1.1 and 4.5.3.1.3: a local part of at most 64 octets, a path of at most 256.
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_ADDRESS = 254;

    static Optional<SetupAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_ADDRESS) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        if (at < 1 || at > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return Optional.empty();
            }
        }
        return DomainName.normalize(text.substring(at + 1))
                .map(domain -> new SetupAddress(local + "@" + domain, domain));
    }
}
