package org.mailplatform.msgauth.dmarc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DMARC policy record (RFC 7489 6.3). Tags this receiver does not act on (rua, ruf, fo, rf, ri)
 * are read over.
 *
 * @param policy          p=
 * @param subdomainPolicy sp= (p= when absent)
 * @param percent         pct=, 0-100
 * @param strictDkim      adkim=s
 * @param strictSpf       aspf=s
 */
public record DmarcRecord(Policy policy, Policy subdomainPolicy, int percent, boolean strictDkim, boolean strictSpf) {

    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Policy of(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "quarantine" -> QUARANTINE;
                case "reject" -> REJECT;
                default -> null;
            };
        }
    }

    /** True when the TXT record claims to be DMARC (6.6.3: records not starting so are discarded). */
    static boolean isDmarc(String txt) {
        return txt.strip().matches("(?s)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /**
     * @return the record, or null when it is not usable (6.6.3: no DMARC processing); a missing or
     *         invalid p= with a rua= is taken as p=none, as 6.6.3 asks
     */
    static DmarcRecord parse(String txt) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : txt.split(";")) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                if (!spec.isBlank()) {
                    return null;
                }
                continue;
            }
            tags.putIfAbsent(spec.substring(0, eq).strip().toLowerCase(Locale.ROOT), spec.substring(eq + 1).strip());
        }
        Policy p = tags.containsKey("p") ? Policy.of(tags.get("p")) : null;
        if (p == null) {
            if (tags.getOrDefault("rua", "").isBlank()) {
                return null;
            }
            p = Policy.NONE;
        }
        Policy sp = tags.containsKey("sp") ? Policy.of(tags.get("sp")) : null;
        if (sp == null) {
            sp = p;
        }
        int pct = 100;
        if (tags.containsKey("pct")) {
            try {
                pct = Math.clamp(Integer.parseInt(tags.get("pct")), 0, 100);
            } catch (NumberFormatException e) {
                pct = 100;
            }
        }
        return new DmarcRecord(p, sp, pct, "s".equalsIgnoreCase(tags.get("adkim")), "s".equalsIgnoreCase(tags.get("aspf")));
    }
}
