package org.mailplatform.msgauth.dkim;

import java.util.Locale;

/**
 * The verdict on one DKIM-Signature field (RFC 6376 6.1, reported as RFC 8601 2.7.1 says).
 *
 * @param outcome   the result
 * @param domain    d= (lower case), or null when the field could not be read
 * @param selector  s=, or null
 * @param identity  i= (the default {@code @d} when absent), or null
 * @param algorithm a=, or null
 * @param signature the first characters of b=, for header.b (RFC 6008), or null
 * @param reason    why it did not pass; null for pass
 */
public record DkimResult(Outcome outcome, String domain, String selector, String identity, String algorithm,
                         String signature, String reason) {

    public enum Outcome {
        PASS, FAIL, NEUTRAL, POLICY, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
