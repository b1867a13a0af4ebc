package org.mailplatform.mta.outbound.security;

import java.util.Optional;

import org.mailplatform.mta.dns.Destination;

/** One kind of published TLS demand (DANE TLSA records, an MTA-STS policy). */
public interface TlsRequirementSource {

    /**
     * @param domain      the recipient domain (the MX lookup's name)
     * @param destination the hosts its MX lookup found
     * @return the domain's demand, or empty when it publishes none of this kind
     */
    Optional<TlsRequirement> requirementFor(String domain, Destination.Hosts destination);
}
