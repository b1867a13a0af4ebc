package org.mailplatform.kernel.netty;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.support.AddressRange;
import org.mailplatform.kernel.support.ConnectionLimiter;
import org.mailplatform.tls.SslContextSource;

/** What all connections of one server share: settings, limits, the session factory and the live sessions. */
final class KernelRuntime {

    final String protocol;
    final KernelSettings settings;
    final ProtocolSessionFactory factory;
    final SslContextSource tls;
    final Executor sessionExecutor;
    final ConnectionLimiter limiter;
    private final List<AddressRange> trustedProxies;
    private final Set<NettyConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object closedSignal = new Object();
    private volatile boolean shuttingDown;

    KernelRuntime(String protocol, KernelSettings settings, ProtocolSessionFactory factory, SslContextSource tls, Executor sessionExecutor) {
        this.protocol = protocol;
        this.settings = settings;
        this.factory = factory;
        this.tls = tls;
        this.sessionExecutor = sessionExecutor;
        this.limiter = new ConnectionLimiter(settings.maxConnectionsPerAddress(), settings.maxConnections());
        this.trustedProxies = AddressRange.parseAll(settings.trustedProxyCidrs());
    }

    boolean isTrustedProxy(InetAddress peer) {
        return peer != null && AddressRange.anyContains(trustedProxies, peer);
    }

    /** From now on every session, including ones that open late, is asked to finish. */
    void beginShutdown() {
        shuttingDown = true;
        connections.forEach(NettyConnection::shutdown);
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    void register(NettyConnection connection) {
        connections.add(connection);
    }

    void unregister(NettyConnection connection) {
        connections.remove(connection);
        synchronized (closedSignal) {
            closedSignal.notifyAll();
        }
    }

    /** Output queued for the clients of one listener, in bytes. */
    long queuedOutputBytes(String listener) {
        long total = 0;
        for (NettyConnection connection : connections) {
            if (connection.listenerName().equals(listener)) {
                total += connection.queuedOutputBytes();
            }
        }
        return total;
    }

    Set<NettyConnection> connections() {
        return connections;
    }

    /** Waits until every session has had its close callback, or the timeout passes. */
    boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (closedSignal) {
            while (!connections.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                closedSignal.wait(Math.max(1, remaining / 1_000_000));
            }
        }
        return true;
    }
}
