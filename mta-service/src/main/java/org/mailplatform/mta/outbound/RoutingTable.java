package org.mailplatform.mta.outbound;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.mailplatform.mta.client.Credentials;
import org.mailplatform.mta.dns.IpLiterals;
import org.mailplatform.store.account.DomainName;

/**
 * Picks the route of a recipient domain, first match wins: the transport table entry for the
 * domain, then the smart host, then the domain's MX. An address literal ({@code [192.0.2.1]},
 * RFC 5321 4.1.3) goes to that address, unless a smart host takes all mail.
 */
public final class RoutingTable {

    /** Transport table value for "look up the domain's MX", even when a smart host is set. */
    static final String MX = "mx";

    private final Map<String, String> transports = new HashMap<>();
    private final Route.Relay smartHost;
    private final RelayProperties properties;

    public RoutingTable(RelayProperties properties) {
        this.properties = properties;
        for (Map.Entry<String, String> entry : properties.transports().entrySet()) {
            String domain = DomainName.normalize(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "mailplatform.mta.relay.transports: not a domain name: " + entry.getKey()));
            String value = entry.getValue().strip();
            if (!value.equalsIgnoreCase(MX)) {
                NextHop.parse(value, properties.remotePort());
            }
            transports.put(domain, value);
        }
        if (properties.hasSmartHost()) {
            Credentials credentials = properties.smartHostUsername() == null || properties.smartHostUsername().isBlank()
                    ? null : new Credentials(properties.smartHostUsername(),
                    properties.smartHostPassword() == null ? "" : properties.smartHostPassword());
            smartHost = new Route.Relay("smart-host", NextHop.parse(properties.smartHost(), 25),
                    properties.smartHostTls(), credentials);
        } else {
            smartHost = null;
        }
    }

    public Route routeFor(String domain) {
        String normalized = DomainName.normalize(domain).orElse(domain.toLowerCase(Locale.ROOT));
        String transport = transports.get(normalized);
        if (transport != null) {
            if (transport.equalsIgnoreCase(MX)) {
                return new Route.Mx(normalized, properties.remotePort(), properties.tls());
            }
            return new Route.Relay("transport", NextHop.parse(transport, properties.remotePort()), properties.tls(), null);
        }
        if (smartHost != null) {
            return smartHost;
        }
        InetAddress literal = IpLiterals.parse(domain);
        if (literal != null) {
            return new Route.Relay("literal", new NextHop(literal.getHostAddress(), properties.remotePort()),
                    properties.tls(), null);
        }
        return new Route.Mx(normalized, properties.remotePort(), properties.tls());
    }
}
