package org.mailplatform.msgauth.dmarc;

import java.util.Locale;

/**
 * The DMARC verdict on a message (RFC 7489 6.6).
 *
 * @param outcome     the result, as RFC 8601 2.7 reports it
 * @param fromDomain  the RFC5322.From domain, or null when there was none to judge
 * @param policy      the policy the domain owner asked for (p= or sp=), or null without a record
 * @param disposition what to do with the message: the policy, lowered when pct= sampled the
 *                    message out (6.6.4); NONE unless the outcome is FAIL
 * @param reason      a short explanation for the header's comment
 */
public record DmarcResult(Outcome outcome, String fromDomain, DmarcRecord.Policy policy,
                          DmarcRecord.Policy disposition, String reason) {

    public enum Outcome {
        NONE, PASS, FAIL, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
