package org.mailplatform.mta.dnsbl;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.dnsbl.*}: DNS blocklists consulted when a client connects to port 25
 * (RFC 5782), like Postfix's postscreen_dnsbl_sites. None by default.
 *
 * @param zones      {@code zone[=filter][*weight]} each, e.g. {@code zen.spamhaus.org*2}
 * @param threshold  the summed weight at which the client is refused (postscreen_dnsbl_threshold)
 * @param dnsServers {@code host[:port]} of the resolvers to ask; empty: the system's
 * @param timeout    per query
 */
@ConfigurationProperties(prefix = "mailplatform.mta.dnsbl")
public record DnsblProperties(
        @DefaultValue List<String> zones,
        @DefaultValue("1") int threshold,
        @DefaultValue List<String> dnsServers,
        @DefaultValue("5s") Duration timeout) {

    public DnsblProperties {
        if (threshold < 1) {
            throw new IllegalArgumentException("mailplatform.mta.dnsbl.threshold must be at least 1");
        }
    }

    public List<DnsblZone> parsedZones() {
        return zones.stream().filter(z -> !z.isBlank()).map(DnsblZone::parse).toList();
    }
}
