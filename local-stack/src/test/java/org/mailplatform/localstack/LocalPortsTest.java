package org.mailplatform.localstack;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPortsTest {

    @Test
    void chosenPortsAreFreeDistinctAndOutsideTheRangeOutgoingConnectionsUse() throws Exception {
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LocalPorts.anyFree();
            assertThat(port).isBetween(16_000, LocalPorts.ephemeralRangeStart() - 1);
            assertThat(chosen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = LocalPorts.anyFree();
        try (ServerSocket bound = new ServerSocket()) {
            bound.bind(new InetSocketAddress(LocalPorts.LOOPBACK, port));
            assertThat(LocalPorts.isListening(port)).isTrue();
            assertThat(LocalPorts.isFree(port)).isFalse();
        }
    }
}
