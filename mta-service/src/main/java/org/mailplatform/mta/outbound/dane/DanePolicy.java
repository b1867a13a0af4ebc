package org.mailplatform.mta.outbound.dane;

import java.util.List;

/** What DANE asks of the connection to one MX host (RFC 7672 2.2). */
public sealed interface DanePolicy {

    /** No secure TLSA records: DANE has nothing to say; the route's usual TLS applies (RFC 7672 2.2). */
    record NotApplicable() implements DanePolicy {
    }

    /**
     * Secure usable TLSA records: STARTTLS is mandatory and the chain must match one of them.
     *
     * @param tlsa           the usable records
     * @param tlsaName       the name they were found at, for diagnostics
     * @param referenceNames the names a DANE-TA chain's certificate may carry
     */
    record Authenticate(List<TlsaAssociation> tlsa, String tlsaName, List<String> referenceNames) implements DanePolicy {
        public Authenticate {
            tlsa = List.copyOf(tlsa);
            referenceNames = List.copyOf(referenceNames);
        }
    }

    /**
     * A secure TLSA set with no usable record (RFC 7672 2.2, 3.1.3): STARTTLS stays mandatory, the
     * certificate is not authenticated.
     */
    record EncryptOnly(String tlsaName) implements DanePolicy {
    }

    /**
     * The host's DNSSEC answers forbid a delivery now: a bogus or failed address or TLSA lookup
     * (RFC 7672 2.1.1, 2.2.2). The host is skipped with a temporary failure.
     */
    record Unusable(String reason) implements DanePolicy {
    }
}
