package org.mailplatform.mta.outbound.tlsrpt;

import java.util.Objects;

/**
 * The policy a sender applied to a domain's sessions (RFC 8460 4.4 "policy").
 *
 * @param type   {@code sts}, {@code tlsa} or {@code no-policy-found}
 * @param domain the policy domain
 * @param text   the policy as published (MTA-STS: the policy file; DANE: the TLSA records), lines
 *               separated by newlines; "" when none could be had
 */
public record AppliedPolicy(String type, String domain, String text) {

    public AppliedPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(domain, "domain");
        text = text == null ? "" : text;
    }

    public static AppliedPolicy sts(String domain, String text) {
        return new AppliedPolicy("sts", domain, text);
    }
}
