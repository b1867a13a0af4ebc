package org.mailplatform.mta.outbound.sts;

/** RFC 8461 5. */
public enum StsMode {
    /** Deliver only to matching MX hosts over verified TLS; otherwise do not deliver. */
    ENFORCE,
    /** Deliver as without a policy, and report what enforcing would have refused (RFC 8460). */
    TESTING,
    /** Treat the domain as having no active policy. */
    NONE
}
