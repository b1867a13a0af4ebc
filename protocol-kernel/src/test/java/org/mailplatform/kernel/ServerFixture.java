package org.mailplatform.kernel;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;

/** Starts an {@link EchoProtocol} server on loopback ports and stops it after each test. */
abstract class ServerFixture {

    final EchoProtocol protocol = new EchoProtocol();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestTls tls = new TestTls();
    ProtocolServer server;

    static KernelSettings fastSettings() {
        return KernelSettings.defaults().withShutdownGracePeriod(Duration.ofSeconds(2));
    }

    ProtocolServer start(KernelSettings settings, ListenerSpec... listeners) {
        ProtocolServer.Builder builder = ProtocolServer.builder("echo", protocol).settings(settings).tls(tls).meterRegistry(registry);
        for (ListenerSpec listener : listeners) {
            builder.listener(listener);
        }
        server = builder.build();
        server.start();
        return server;
    }

    static ListenerSpec listener(String name, TlsMode mode) {
        return new ListenerSpec(name, "127.0.0.1", 0, mode);
    }

    int port(String listener) {
        return server.boundPort(listener);
    }

    double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @AfterEach
    void stopServer() {
        protocol.release();
        if (server != null) {
            server.close();
        }
    }
}
