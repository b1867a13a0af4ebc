package org.mailplatform.mta.dnsbl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One DNS blocklist zone as Postfix's postscreen_dnsbl_sites writes it:
 * {@code zone[=filter][*weight]}, e.g. {@code zen.spamhaus.org*2} or
 * {@code bl.example.net=127.0.0.[2..11]}. The filter is an IPv4 address whose octets may be
 * ranges {@code [a..b]}; only answers it matches count as a listing.
 *
 * @param filter null to count any answer inside 127.0.0.0/8 (RFC 5782 2.1: answers outside it are
 *               not listings)
 */
public record DnsblZone(String zone, String filter, int weight) {

    public static DnsblZone parse(String text) {
        String rest = text.strip().toLowerCase(Locale.ROOT);
        int weight = 1;
        int star = rest.lastIndexOf('*');
        if (star >= 0) {
            try {
                weight = Integer.parseInt(rest.substring(star + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DNSBL weight must be a whole number: " + text);
            }
            rest = rest.substring(0, star);
        }
        String filter = null;
        int equals = rest.indexOf('=');
        if (equals >= 0) {
            filter = rest.substring(equals + 1);
            rest = rest.substring(0, equals);
            if (octets(filter).size() != 4) {
                throw new IllegalArgumentException("DNSBL filter must be an IPv4 address pattern: " + text);
            }
        }
        if (rest.isEmpty() || rest.startsWith(".") || rest.contains("..")) {
            throw new IllegalArgumentException("DNSBL zone is not a domain name: " + text);
        }
        return new DnsblZone(rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest, filter, weight);
    }

    /**
     * RFC 5782 2.1 and 2.4: the name to look up for {@code client}, its IPv4 octets or IPv6 nibbles
     * in reverse order in front of the zone.
     */
    public String queryName(InetAddress client) {
        byte[] b = client.getAddress();
        StringBuilder name = new StringBuilder(80);
        if (client instanceof Inet4Address) {
            for (int i = b.length - 1; i >= 0; i--) {
                name.append(b[i] & 0xff).append('.');
            }
        } else {
            for (int i = b.length - 1; i >= 0; i--) {
                name.append(Character.forDigit(b[i] & 0x0f, 16)).append('.')
                        .append(Character.forDigit((b[i] >> 4) & 0x0f, 16)).append('.');
            }
        }
        return name.append(zone).toString();
    }

    /** Whether the answer {@code a} counts as a listing in this zone. */
    public boolean lists(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4 || (b[0] & 0xff) != 127) {
            return false;
        }
        if (filter == null) {
            return true;
        }
        List<String> patterns = octets(filter);
        for (int i = 0; i < 4; i++) {
            if (!octetMatches(patterns.get(i), b[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** The four octet patterns of a filter; the dots of a range {@code [a..b]} don't separate. */
    private static List<String> octets(String filter) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inRange = false;
        for (char c : filter.toCharArray()) {
            if (c == '[') {
                inRange = true;
            } else if (c == ']') {
                inRange = false;
            }
            if (c == '.' && !inRange) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static boolean octetMatches(String pattern, int octet) {
        if (pattern.startsWith("[") && pattern.endsWith("]")) {
            String[] range = pattern.substring(1, pattern.length() - 1).split("\\.\\.");
            try {
                int low = Integer.parseInt(range[0]);
                int high = range.length > 1 ? Integer.parseInt(range[1]) : low;
                return octet >= low && octet <= high;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        try {
            return Integer.parseInt(pattern) == octet;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return zone;
    }
}
