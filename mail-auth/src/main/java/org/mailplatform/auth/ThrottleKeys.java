package org.mailplatform.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Locale;

import org.mailplatform.store.account.EmailAddress;

/**
 * The names failures are counted under: {@code a:} and the account name (an address in its
 * canonical form, or whatever else was typed, lower-cased and cut to a bounded length, so names
 * that are not accounts are counted like accounts), and {@code c:} and the client address in hex,
 * IPv6 cut to a prefix since one host commonly holds a whole /64.
 */
final class ThrottleKeys {

    private static final int MAX_NAME_LENGTH = 320;

    private final int ipv6PrefixLength;

    ThrottleKeys(int ipv6PrefixLength) {
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    static String account(String username) {
        String name = username == null ? "" : username.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH);
        }
        return "a:" + EmailAddress.parse(name).map(EmailAddress::key).orElse(name.toLowerCase(Locale.ROOT));
    }

    String address(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (client instanceof Inet6Address) {
            for (int bit = ipv6PrefixLength; bit < 128; bit++) {
                bytes[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
            }
        }
        return "c:" + HexFormat.of().formatHex(bytes);
    }
}
