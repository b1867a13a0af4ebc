package org.mailplatform.protocolservice;

import java.time.Duration;
import java.util.List;

import org.mailplatform.kernel.KernelSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.kernel.*}: connection limits shared by every mail listener of a service. Each
 * service has its own limits and counts: a client's connections to the MSA do not count against the
 * MTA, even where the services share one JVM (the local stack).
 *
 * @param trustedProxies         load balancers allowed to send a PROXY protocol header (addresses or CIDRs);
 *                               empty: no PROXY header is accepted from anyone
 * @param loginTimeout           deadline from connecting until authentication, whatever the client sends
 * @param lineTimeout            a command line must be complete this long after its first byte
 * @param minPayloadRate         bytes per second DATA, BDAT and literals must average over each
 *                               {@code payloadRateWindow}; 0 switches the check off
 * @param overlongLineAllowance  how much of an over-long line is read while waiting for its end before the
 *                               connection is closed
 * @param writeTimeout           a client that takes less than half of {@code writeBufferHighWaterMark} of its output
 *                               this long is disconnected
 * @param writeBufferHighWaterMark output waiting for the socket above which a connection's further commands are not
 *                               read until the client has taken half of it
 * @param messageMemory          heap for messages held while they are received, for the whole process (see
 *                               {@link org.mailplatform.kernel.support.MessageMemory}); unset: an eighth of the
 *                               maximum heap
 */
@ConfigurationProperties(prefix = "mailplatform.kernel")
public record KernelProperties(
        Integer maxConnectionsPerAddress,
        Integer maxConnections,
        List<String> trustedProxies,
        Duration idleTimeout,
        Duration shutdownGracePeriod,
        Duration tlsHandshakeTimeout,
        Duration loginTimeout,
        Duration lineTimeout,
        Integer minPayloadRate,
        Duration payloadRateWindow,
        DataSize overlongLineAllowance,
        Duration writeTimeout,
        DataSize writeBufferHighWaterMark,
        DataSize messageMemory) {

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
        if (loginTimeout != null) {
            s = s.withLoginTimeout(loginTimeout);
        }
        if (lineTimeout != null) {
            s = s.withLineTimeout(lineTimeout);
        }
        if (minPayloadRate != null || payloadRateWindow != null) {
            s = s.withMinPayloadRate(minPayloadRate != null ? minPayloadRate : s.minPayloadRate(),
                    payloadRateWindow != null ? payloadRateWindow : s.payloadRateWindow());
        }
        if (overlongLineAllowance != null) {
            s = s.withOverlongLineAllowance(Math.toIntExact(overlongLineAllowance.toBytes()));
        }
        if (writeTimeout != null) {
            s = s.withWriteTimeout(writeTimeout);
        }
        if (writeBufferHighWaterMark != null) {
            s = s.withWriteBufferHighWaterMark(Math.toIntExact(writeBufferHighWaterMark.toBytes()));
        }
        return s;
    }
}
