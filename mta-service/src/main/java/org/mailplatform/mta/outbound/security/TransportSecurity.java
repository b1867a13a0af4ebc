package org.mailplatform.mta.outbound.security;

import java.util.List;
import java.util.Optional;

import org.mailplatform.mta.dns.Destination;

/**
 * Chooses the TLS requirement of an MX destination: the first source, in precedence order, that
 * finds a demand wins. DANE is not one of them: it is decided per MX host before these, in
 * {@code DestinationRun} (RFC 8461 2: a sender that supports DANE uses it for hosts with TLSA
 * records, and MTA-STS otherwise).
 */
public final class TransportSecurity {

    /** The {@code @Order} of the MTA-STS source bean. */
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
