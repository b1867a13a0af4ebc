package org.mailplatform.mta.outbound;

import java.util.Locale;

/**
 * A configured host to relay to: {@code host}, {@code host:port}, {@code [v6 address]:port}.
 */
public record NextHop(String host, int port) {

    public NextHop {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("next hop host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("next hop port out of range: " + port);
        }
    }

    public static NextHop parse(String text, int defaultPort) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed bracket in next hop: " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            return new NextHop(host, rest.isEmpty() ? defaultPort : port(rest.substring(rest.startsWith(":") ? 1 : 0), text));
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') == colon) {
            return new NextHop(s.substring(0, colon).toLowerCase(Locale.ROOT), port(s.substring(colon + 1), text));
        }
        return new NextHop(s.toLowerCase(Locale.ROOT), defaultPort);
    }

    private static int port(String digits, String text) {
        if (!digits.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("bad port in next hop: " + text);
        }
        return Integer.parseInt(digits);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
