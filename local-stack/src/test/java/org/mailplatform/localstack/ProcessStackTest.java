package org.mailplatform.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack in process mode ({@code --processes --replicas=imap-gateway=2}): the IMAP gateway as two
 * JVMs of their own beside a PostgreSQL and a Kafka broker of the stack's own, each ready, each on
 * its own ports, each greeting an IMAP client; a service left out can be started later.
 */
class ProcessStackTest {

    @Test
    void aGatewayRunsAsTwoProcessesEachReadyOnItsOwnPorts(@TempDir Path dataDir) throws IOException {
        MailListener imap = PlatformService.IMAP.mailListeners().getFirst();
        LocalStackSettings settings = new LocalStackSettings(dataDir, Optional.empty(), StackPorts.ephemeral(), true);
        try (ProcessStack stack = new ProcessStack(settings, EnumSet.of(PlatformService.IMAP),
                ServiceLaunch.classPath(ProcessStack.DEFAULT_SERVICE_JVM_OPTIONS), Map.of(PlatformService.IMAP, 2)).start()) {
            List<ProcessReplica> replicas = stack.replicas();
            assertThat(replicas).singleElement().satisfies(replica -> {
                assertThat(replica.name()).isEqualTo("imap-gateway-2");
                assertThat(replica.pid()).isNotEqualTo(stack.servicePid(PlatformService.IMAP));
                assertThat(replica.httpPort()).isNotEqualTo(stack.httpPort(PlatformService.IMAP));
                assertThat(replica.mailPort(imap)).isNotEqualTo(stack.mailPort(imap));
            });
            ProcessReplica second = replicas.getFirst();
            assertThat(HealthProbe.readiness(stack.httpPort(PlatformService.IMAP))).isEqualTo("UP");
            assertThat(HealthProbe.readiness(second.httpPort())).isEqualTo("UP");
            assertThat(greeting(stack.mailPort(imap))).startsWith("* OK");
            assertThat(greeting(second.mailPort(imap))).startsWith("* OK");
            assertThat(ProcessMemory.of(second.pid()).rssKib()).isPositive();

            assertThat(stack.isServiceAlive(PlatformService.POP3)).isFalse();
            stack.startService(PlatformService.POP3);
            assertThat(HealthProbe.readiness(stack.httpPort(PlatformService.POP3))).isEqualTo("UP");
            stack.stopService(PlatformService.POP3);
            assertThat(stack.isServiceAlive(PlatformService.POP3)).isFalse();
        }
    }

    private static String greeting(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
