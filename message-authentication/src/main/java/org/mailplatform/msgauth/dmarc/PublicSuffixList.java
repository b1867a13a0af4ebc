package org.mailplatform.msgauth.dmarc;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (publicsuffix.org format: one rule per line, {@code *.} wildcards,
 * {@code !} exceptions, {@code //} comments), used to find a domain's Organizational Domain
 * (RFC 7489 3.2). Without a list every top-level label is a public suffix, which makes the
 * Organizational Domain the last two labels.
 */
public final class PublicSuffixList {

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixList(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    /** Only the implicit rule "*": every top-level label is a public suffix. */
    public static PublicSuffixList topLevelOnly() {
        return new PublicSuffixList(Set.of(), Set.of(), Set.of());
    }

    public static PublicSuffixList read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static PublicSuffixList parse(List<String> lines) {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        for (String line : lines) {
            String rule = line.strip();
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space);
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                exceptions.add(ascii(rule.substring(1)));
            } else if (rule.startsWith("*.")) {
                wildcards.add(ascii(rule.substring(2)));
            } else {
                rules.add(ascii(rule));
            }
        }
        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /**
     * RFC 7489 3.2: the public suffix plus one label; the domain itself when it is a public suffix
     * or has a single label. Lower case, A-labels.
     */
    public String organizationalDomain(String domain) {
        String name = ascii(domain);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.");
        int suffixLabels = publicSuffixLabels(labels);
        if (labels.length <= suffixLabels) {
            return name;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - suffixLabels - 1, labels.length));
    }

    /** How many trailing labels form the public suffix: the longest matching rule, exceptions first. */
    private int publicSuffixLabels(String[] labels) {
        int best = 1;
        for (int n = 1; n <= labels.length; n++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - n, labels.length));
            if (exceptions.contains(suffix)) {
                // An exception rule's suffix is the rule minus its leftmost label.
                return n - 1;
            }
            if (rules.contains(suffix)) {
                best = Math.max(best, n);
            }
            if (n < labels.length && wildcards.contains(suffix)) {
                best = Math.max(best, n + 1);
            }
        }
        return best;
    }

    private static String ascii(String domain) {
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain.toLowerCase(Locale.ROOT);
        }
    }
}
