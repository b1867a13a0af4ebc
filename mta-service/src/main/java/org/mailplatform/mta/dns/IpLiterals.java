package org.mailplatform.mta.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses written as host names: {@code 192.0.2.1}, {@code 2001:db8::1}, and the address
 * literals of RFC 5321 4.1.3 ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}). Never a DNS query.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /** The address, or null when {@code text} is not an IP address. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
            if (s.regionMatches(true, 0, "IPv6:", 0, 5)) {
                s = s.substring(5);
            }
        }
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}") && octetsInRange(s);
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            // A valid dotted quad or a text with colons is parsed by getByName, never resolved.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean octetsInRange(String dotted) {
        for (String octet : dotted.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
