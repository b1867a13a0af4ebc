package org.mailplatform.mta.outbound.sts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An MTA-STS policy (RFC 8461 3.2): its mode, the MX host patterns and how long it may be cached.
 *
 * @param text the policy file as fetched, for the cache and for TLS reports (RFC 8460 4.4)
 */
public record StsPolicy(StsMode mode, List<String> mx, Duration maxAge, String text) {

    /** RFC 8461 3.2: max_age is at most 31557600 seconds (about a year). */
    public static final long MAX_AGE_LIMIT = 31_557_600L;

    public StsPolicy {
        mx = List.copyOf(mx);
    }

    /**
     * Parses a policy file: "key: value" lines ended by LF or CRLF; unknown keys are ignored (RFC
     * 8461 3.2). version, mode and max_age must each be there once; enforce and testing need at
     * least one mx. A max_age above the limit is cut down to it.
     *
     * @throws IllegalArgumentException when the text is no valid policy
     */
    public static StsPolicy parse(String text) {
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a policy line: " + shorten(line));
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = once(version, value, key);
                case "mode" -> mode = once(mode, value, key);
                case "max_age" -> maxAge = once(maxAge, value, key);
                case "mx" -> mx.add(pattern(value));
                default -> {
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new IllegalArgumentException("version is not STSv1: " + version);
        }
        StsMode parsedMode = switch (mode == null ? "" : mode) {
            case "enforce" -> StsMode.ENFORCE;
            case "testing" -> StsMode.TESTING;
            case "none" -> StsMode.NONE;
            default -> throw new IllegalArgumentException("unknown mode: " + mode);
        };
        if (maxAge == null || !maxAge.matches("[0-9]+")) {
            throw new IllegalArgumentException("max_age is not a number of seconds: " + maxAge);
        }
        if (parsedMode != StsMode.NONE && mx.isEmpty()) {
            throw new IllegalArgumentException("no mx in a policy of mode " + mode);
        }
        long seconds = maxAge.length() > 10 ? MAX_AGE_LIMIT : Math.min(Long.parseLong(maxAge), MAX_AGE_LIMIT);
        return new StsPolicy(parsedMode, mx, Duration.ofSeconds(seconds), text);
    }

    /**
     * RFC 8461 4.1: a host matches a pattern when equal to it, or when the pattern starts with
     * {@code *.} and the host is one more label in front of the rest (the wildcard is one label).
     */
    public boolean matches(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                int dot = name.indexOf('.');
                if (dot > 0 && name.substring(dot).equals(suffix)) {
                    return true;
                }
            } else if (pattern.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String pattern(String value) {
        String pattern = value.toLowerCase(Locale.ROOT);
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        // RFC 8461 3.2: a wildcard only as the whole leftmost label.
        if (pattern.isEmpty() || pattern.indexOf('*', pattern.startsWith("*.") ? 1 : 0) >= 0 || pattern.equals("*.")) {
            throw new IllegalArgumentException("bad mx pattern: " + shorten(value));
        }
        return pattern;
    }

    private static String once(String previous, String value, String key) {
        if (previous != null) {
            throw new IllegalArgumentException(key + " given twice");
        }
        return value;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
