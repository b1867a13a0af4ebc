package org.mailplatform.mta.outbound;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.mailplatform.mta.client.TlsPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.relay.*}: where remote mail goes and how it is sent, after Postfix's
 * relayhost and transport_maps.
 *
 * @param smartHost          {@code host:port} that takes all remote mail not in the transport table
 *                           (Postfix relayhost); empty: deliver to each domain's MX
 * @param smartHostUsername  AUTH PLAIN user for the smart host; empty: no AUTH
 * @param smartHostPassword  its password
 * @param smartHostTls       TLS towards the smart host: none, may, require, verify
 * @param smartHostCaFile    PEM CA certificates that {@code verify} trusts; empty: the JVM's
 * @param transports         domain → {@code host:port} (that host, no MX lookup) or {@code mx} (the
 *                           domain's MX even with a smart host); keys are domains, e.g.
 *                           {@code transports[example.com]=10.0.0.5:25}
 * @param tls                TLS towards MX hosts and transport hosts: none or may (opportunistic)
 * @param remotePort         port of MX hosts (25; other values for tests only)
 * @param dnsServers         {@code host[:port]} of DNS resolvers; empty: the system's
 * @param dnsTimeout         per DNS query
 * @param maxAddresses       addresses tried per destination and attempt
 * @param parallelDestinations destinations served at once per consumer batch
 * @param maxRecipientsPerTransaction recipients per SMTP transaction (RFC 5321 4.5.3.1.8: servers take at least 100)
 * @param preferChunking     BDAT whenever the peer offers CHUNKING, not only for BINARYMIME
 * @param timeouts           client timeouts
 */
@ConfigurationProperties(prefix = "mailplatform.mta.relay")
public record RelayProperties(
        String smartHost,
        String smartHostUsername,
        String smartHostPassword,
        @DefaultValue("may") TlsPolicy smartHostTls,
        String smartHostCaFile,
        Map<String, String> transports,
        @DefaultValue("may") TlsPolicy tls,
        @DefaultValue("25") int remotePort,
        List<String> dnsServers,
        @DefaultValue("5s") Duration dnsTimeout,
        @DefaultValue("5") int maxAddresses,
        @DefaultValue("20") int parallelDestinations,
        @DefaultValue("50") int maxRecipientsPerTransaction,
        @DefaultValue("false") boolean preferChunking,
        @DefaultValue Timeouts timeouts) {

    public RelayProperties {
        transports = transports == null ? Map.of() : Map.copyOf(transports);
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
        if (tls == TlsPolicy.REQUIRE || tls == TlsPolicy.VERIFY) {
            // RFC 3207 4 / RFC 7672 1.3: mandatory TLS towards arbitrary MX hosts would stop mail to
            // the many servers without it; it belongs to a configured smart host.
            throw new IllegalArgumentException("mailplatform.mta.relay.tls must be none or may");
        }
        if (remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("mailplatform.mta.relay.remote-port out of range: " + remotePort);
        }
        if (maxAddresses < 1 || parallelDestinations < 1 || maxRecipientsPerTransaction < 1) {
            throw new IllegalArgumentException("mailplatform.mta.relay max-addresses, parallel-destinations and "
                    + "max-recipients-per-transaction must be at least 1");
        }
    }

    /**
     * RFC 5321 4.5.3.2 client timeouts.
     *
     * @param connect  TCP connect
     * @param greeting the 220 greeting (4.5.3.2.1: 5 minutes)
     * @param command  replies to EHLO, MAIL, RCPT, ... (4.5.3.2.2-3: 5 minutes)
     * @param dataInit the 354 after DATA (4.5.3.2.4: 2 minutes)
     * @param dataBlock each block of data written (4.5.3.2.5: 3 minutes)
     * @param dataEnd  the reply after the final dot (4.5.3.2.6: 10 minutes)
     */
    public record Timeouts(
            @DefaultValue("30s") Duration connect,
            @DefaultValue("5m") Duration greeting,
            @DefaultValue("5m") Duration command,
            @DefaultValue("2m") Duration dataInit,
            @DefaultValue("3m") Duration dataBlock,
            @DefaultValue("10m") Duration dataEnd) {
    }

    /** {@link #dnsServers} as socket addresses, port 53 where none is given. */
    public List<InetSocketAddress> dnsServerAddresses() {
        return dnsServers.stream().map(s -> {
            NextHop hop = NextHop.parse(s, 53);
            return new InetSocketAddress(hop.host(), hop.port());
        }).toList();
    }

    public boolean hasSmartHost() {
        return smartHost != null && !smartHost.isBlank();
    }
}
