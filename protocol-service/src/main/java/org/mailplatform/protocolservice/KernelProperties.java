package org.mailplatform.protocolservice;

import java.time.Duration;
import java.util.List;

import org.mailplatform.kernel.KernelSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mailplatform.kernel.*}: connection limits shared by every mail listener of a service.
 *
 * @param trustedProxies load balancers allowed to send a PROXY protocol header (addresses or CIDRs);
 *                       empty: no PROXY header is accepted from anyone
 */
@ConfigurationProperties(prefix = "mailplatform.kernel")
public record KernelProperties(
        Integer maxConnectionsPerAddress,
        Integer maxConnections,
        List<String> trustedProxies,
        Duration idleTimeout,
        Duration shutdownGracePeriod,
        Duration tlsHandshakeTimeout) {

    public KernelSettings toSettings() {
        KernelSettings s = KernelSettings.defaults();
        if (maxConnectionsPerAddress != null) {
            s = s.withMaxConnectionsPerAddress(maxConnectionsPerAddress);
        }
        if (maxConnections != null) {
            s = s.withMaxConnections(maxConnections);
        }
        if (trustedProxies != null) {
            s = s.withTrustedProxyCidrs(trustedProxies);
        }
        if (idleTimeout != null) {
            s = s.withIdleTimeout(idleTimeout);
        }
        if (shutdownGracePeriod != null) {
            s = s.withShutdownGracePeriod(shutdownGracePeriod);
        }
        if (tlsHandshakeTimeout != null) {
            s = s.withTlsHandshakeTimeout(tlsHandshakeTimeout);
        }
        return s;
    }
}
