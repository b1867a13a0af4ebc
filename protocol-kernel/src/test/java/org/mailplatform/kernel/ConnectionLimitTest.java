package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConnectionLimitTest extends ServerFixture {

    @Test
    void refusesConnectionsOverThePerAddressLimitUntilOneCloses() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(2), listener("plain", TlsMode.NONE));
        LineClient first = LineClient.connect(port("plain"));
        try (LineClient second = LineClient.connect(port("plain"))) {
            assertThat(first.readLine()).startsWith("+OK hello");
            assertThat(second.readLine()).startsWith("+OK hello");

            try (LineClient third = LineClient.connect(port("plain"))) {
                assertThat(third.readLine()).isEqualTo("-ERR too many connections");
                assertThat(third.closedByServer()).isTrue();
            }
            assertThat(counter("mail.kernel.connections.rejected", "reason", "per_address")).isEqualTo(1);

            first.close();
            await().untilAsserted(() -> {
                try (LineClient again = LineClient.connect(port("plain"))) {
                    assertThat(again.readLine()).startsWith("+OK hello");
                }
            });
        }
        assertThat(protocol.journal.stream().filter("connect"::equals).count()).as("refused connections open no session").isEqualTo(3);
    }

    @Test
    void appliesBothLimitsToTheAddressesBehindATrustedProxy() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(1).withMaxConnections(2).withTrustedProxyCidrs(List.of("127.0.0.0/8")),
                listener("proxied", TlsMode.NONE));
        try (LineClient a = proxied("203.0.113.1")) {
            assertThat(a.readLine()).startsWith("+OK hello 203.0.113.1 ");
            try (LineClient sameAddress = proxied("203.0.113.1")) {
                assertThat(sameAddress.readLine()).isEqualTo("-ERR too many connections");
            }
            try (LineClient b = proxied("203.0.113.2")) {
                assertThat(b.readLine()).startsWith("+OK hello 203.0.113.2 ");
                try (LineClient c = proxied("203.0.113.3")) {
                    assertThat(c.readLine()).isEqualTo("-ERR too many connections");
                }
            }
        }
        assertThat(counter("mail.kernel.connections.rejected", "reason", "per_address")).isEqualTo(1);
        assertThat(counter("mail.kernel.connections.rejected", "reason", "global")).isEqualTo(1);
    }

    private LineClient proxied(String clientAddress) throws Exception {
        return LineClient.connect(port("proxied")).send("PROXY TCP4 " + clientAddress + " 192.0.2.1 40000 25\r\n");
    }
}
