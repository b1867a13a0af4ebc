package org.mailplatform.mta.outbound.security;

import java.util.List;
import java.util.Optional;

import org.mailplatform.mta.dns.Destination;

/**
 * Chooses the TLS requirement of an MX destination: the first source, in precedence order, that
 * finds a demand wins. DANE belongs before MTA-STS (RFC 8461 2: a sender that supports DANE uses
 * it when the MX hosts have TLSA records, and MTA-STS otherwise).
 */
public final class TransportSecurity {

    /** The {@code @Order} of a DANE source bean: asked first. */
    public static final int DANE_ORDER = 100;
    /** The {@code @Order} of the MTA-STS source bean: asked when DANE found no demand. */
    public static final int MTA_STS_ORDER = 200;

    public static final TransportSecurity NONE = new TransportSecurity(List.of());

    private final List<TlsRequirementSource> sources;

    /** @param sources in precedence order */
    public TransportSecurity(List<TlsRequirementSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public TlsRequirement requirementFor(String domain, Destination.Hosts destination) {
        for (TlsRequirementSource source : sources) {
            Optional<TlsRequirement> requirement = source.requirementFor(domain, destination);
            if (requirement.isPresent()) {
                return requirement.get();
            }
        }
        return TlsRequirement.ROUTE_POLICY;
    }
}
