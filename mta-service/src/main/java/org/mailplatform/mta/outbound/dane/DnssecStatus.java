package org.mailplatform.mta.outbound.dane;

import java.util.Locale;

/** The security status of a DNS answer after DNSSEC validation (RFC 4033 5, RFC 4035 4.3). */
public enum DnssecStatus {
    /** Validated from a trust anchor down: records, or a proven denial of them. */
    SECURE,
    /** Provably not signed (an insecure delegation), or outside every trust anchor. */
    INSECURE,
    /** Signed, but the signatures or the chain of trust do not check out. */
    BOGUS,
    /** No answer at all: timeout, SERVFAIL from the resolver, an unreadable response. */
    FAILED;

    /** The tag value of the {@code mail.dane.lookups} meter. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
