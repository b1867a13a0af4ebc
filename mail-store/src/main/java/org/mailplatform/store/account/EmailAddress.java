package org.mailplatform.store.account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox address as the store uses it: the local part as given and the normalised domain.
 * Local parts compare case-insensitively here; RFC 5321 2.4 lets the receiving host decide, and
 * treating {@code Joe@} and {@code joe@} as one mailbox is what users expect.
 */
public record EmailAddress(String localPart, String domain) {

    /** RFC 5321 4.5.3.1.1: local part up to 64 octets. */
    public static final int MAX_LOCAL_PART_OCTETS = 64;

    public EmailAddress {
        if (!validLocalPart(localPart)) {
            throw new IllegalArgumentException("not a local part: " + localPart);
        }
        domain = DomainName.require(domain);
    }

    /** Parses {@code local@domain} (split at the last '@'); empty when it is not such an address. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
            s = s.substring(1, s.length() - 1);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        Optional<String> domain = DomainName.normalize(s.substring(at + 1));
        if (domain.isEmpty() || !validLocalPart(local)) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(local, domain.get()));
    }

    /** Parses or throws {@link IllegalArgumentException}. */
    public static EmailAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an address: " + text));
    }

    /** The form used as a key (ledger, throttling): lower-case local part and domain. */
    public String key() {
        return localPart.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    /**
     * RFC 5233 sub-addressing: {@code user+tag} names the mailbox {@code user}. Empty when the
     * local part carries no tag or nothing precedes the '+'.
     */
    public Optional<EmailAddress> withoutSubaddress() {
        int plus = localPart.indexOf('+');
        if (plus <= 0) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(localPart.substring(0, plus), domain));
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }

    private static boolean validLocalPart(String local) {
        if (local == null || local.isEmpty()
                || local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_OCTETS) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '@' && local.charAt(0) != '"') {
                return false;
            }
        }
        return true;
    }
}
