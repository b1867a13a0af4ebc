package org.mailplatform.smtp.command;

/**
 * The argument of EHLO and HELO (RFC 5321 4.1.1.1): one word naming the client, a domain or an address
 * literal. Its syntax is not enforced, as common servers do not (clients send bare IP addresses and
 * local names), but it must be printable and fit a domain's length (RFC 5321 4.5.3.1.2): it is written
 * into the Received field (RFC 5321 4.4) and the envelope.
 */
final class ClientName {

    private static final int MAX_LENGTH = 255;

    private ClientName() {
    }

    /** The name, or null when the argument is empty, several words, too long or holds control characters. */
    static String of(String argument) {
        String name = argument.trim();
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return null;
        }
        boolean printable = name.codePoints().allMatch(c -> c > 0x20 && c < 0x7f || c >= 0xa0);
        return printable ? name : null;
    }
}
