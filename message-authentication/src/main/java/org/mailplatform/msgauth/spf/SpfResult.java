package org.mailplatform.msgauth.spf;

import java.util.Locale;

/**
 * The SPF verdict for one identity (RFC 7208 2.6).
 *
 * @param outcome  the result
 * @param identity which identity was checked: {@code mailfrom}, or {@code helo} for the null
 *                 reverse-path (RFC 7208 2.4)
 * @param domain   the domain the check authorised (the MAIL FROM domain, or the HELO name)
 * @param sender   the sender checked ({@code postmaster@helo} for the null reverse-path)
 */
public record SpfResult(Outcome outcome, String identity, String domain, String sender) {

    /** RFC 7208 2.6, in the spelling of the Authentication-Results registry (RFC 8601 2.7.2). */
    public enum Outcome {
        NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The Authentication-Results property for the checked identity (RFC 8601 2.7.2). */
    public String property() {
        return "helo".equals(identity) ? "smtp.helo" : "smtp.mailfrom";
    }
}
