package org.mailplatform.store.transport;

import java.util.Objects;

/**
 * Sessions of one kind to one policy domain on one day (RFC 8460 4.4).
 *
 * @param policyType    {@code sts}, {@code tlsa} or {@code no-policy-found} (RFC 8460 4.4)
 * @param policy        the policy as the sender applied it (its lines joined by newlines), or ""
 * @param resultType    {@code success} or a result type of RFC 8460 4.3
 * @param receivingMx   the MX host name of a failed session, or ""
 * @param receivingIp   the address of a failed session, or ""
 * @param failureReason a short explanation of a failure (RFC 8460 4.4 failure-reason-code), or ""
 */
public record TlsSessionCount(String policyDomain, String policyType, String policy, String resultType,
                              String receivingMx, String receivingIp, String failureReason, long sessions) {

    public static final String SUCCESS = "success";

    public TlsSessionCount {
        Objects.requireNonNull(policyDomain, "policyDomain");
        policy = policy == null ? "" : policy;
        receivingMx = receivingMx == null ? "" : receivingMx;
        receivingIp = receivingIp == null ? "" : receivingIp;
        failureReason = failureReason == null ? "" : failureReason;
    }

    public boolean success() {
        return SUCCESS.equals(resultType);
    }
}
