package org.mailplatform.kernel.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A CIDR block such as {@code 10.0.0.0/8}, {@code fd00::/8} or a single address. Parsing is literal:
 * host names are refused so that a trust decision never depends on DNS.
 */
public record AddressRange(byte[] network, int prefixLength) {

    public static AddressRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = literal(address, cidr);
        byte[] bytes = parsed.getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        return new AddressRange(mask(bytes, prefix), prefix);
    }

    public static List<AddressRange> parseAll(List<String> cidrs) {
        return cidrs.stream().map(AddressRange::parse).toList();
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && java.util.Arrays.equals(mask(candidate, prefixLength), network);
    }

    public static boolean anyContains(List<AddressRange> ranges, InetAddress address) {
        for (AddressRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static byte[] mask(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int bit = prefixLength; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static InetAddress literal(String address, String cidr) {
        boolean ipv4 = !address.isEmpty() && address.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        boolean ipv6 = address.contains(":") && address.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && prefixLength == range.prefixLength && java.util.Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
