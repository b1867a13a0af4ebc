package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

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

    @Test
    void withTheDefaultsFiftySessionsFromOneAddressAreServedAndTheFiftyFirstIsRefused() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                LineClient client = LineClient.connect(port("plain"));
                clients.add(client);
                assertThat(client.readLine()).as("session %d", i + 1).startsWith("+OK hello");
            }
            try (LineClient over = LineClient.connect(port("plain"))) {
                assertThat(over.readLine()).isEqualTo("-ERR too many connections");
            }
        } finally {
            for (LineClient client : clients) {
                client.close();
            }
        }
        await().untilAsserted(() -> assertThat(server.openConnections()).isZero());
        clients.clear();
        try {
            for (int i = 0; i < 50; i++) {
                LineClient client = LineClient.connect(port("plain"));
                clients.add(client);
                assertThat(client.readLine()).as("session %d after the first fifty closed", i + 1).startsWith("+OK hello");
            }
        } finally {
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aClientReconnectingTheMomentItReadsTheGoodbyeIsServed() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(1), listener("plain", TlsMode.NONE));
        for (int i = 0; i < 200; i++) {
            try (LineClient client = LineClient.connect(port("plain"))) {
                assertThat(client.readLine()).as("connection %d", i + 1).startsWith("+OK hello");
                assertThat(client.command("QUIT")).isEqualTo("+OK bye");
            }
        }
    }

    @Test
    void aFailedTlsHandshakeGivesItsPlaceBack() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(1).withMaxConnections(1), listener("implicit", TlsMode.IMPLICIT));
        try (LineClient plaintext = LineClient.connect(port("implicit"))) {
            plaintext.send("EHLO not tls\r\n");
            assertThat(plaintext.closedByServer()).isTrue();
        }
        SSLContext trusting = TestTls.clientTrusting(tls.certificate());
        await().untilAsserted(() -> {
            try (LineClient client = LineClient.connectTls(trusting, port("implicit"))) {
                assertThat(client.readLine()).startsWith("+OK hello");
            }
        });
    }

    @Test
    void aSessionThatFailsGivesItsPlaceBack() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(1).withMaxConnections(1), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("FAIL")).isEqualTo("-ERR internal error");
            assertThat(client.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> {
            try (LineClient client = LineClient.connect(port("plain"))) {
                assertThat(client.readLine()).startsWith("+OK hello");
            }
        });
    }

    @Test
    void aBadProxyHeaderTakesNoPlace() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(1).withMaxConnections(1).withTrustedProxyCidrs(List.of("127.0.0.0/8")),
                listener("proxied", TlsMode.NONE));
        for (int i = 0; i < 3; i++) {
            try (LineClient bad = LineClient.connect(port("proxied")).send("PROXY nonsense\r\n")) {
                assertThat(bad.closedByServer()).isTrue();
            }
        }
        await().untilAsserted(() -> {
            try (LineClient good = proxied("203.0.113.7")) {
                assertThat(good.readLine()).startsWith("+OK hello 203.0.113.7 ");
            }
        });
    }

    @Test
    void eachServerCountsItsOwnConnections() throws Exception {
        start(fastSettings().withMaxConnectionsPerAddress(1), listener("plain", TlsMode.NONE));
        ProtocolServer other = ProtocolServer.builder("other", new EchoProtocol())
                .settings(fastSettings().withMaxConnectionsPerAddress(1))
                .listener(listener("plain", TlsMode.NONE))
                .build();
        other.start();
        try (LineClient first = LineClient.connect(port("plain"));
             LineClient second = LineClient.connect(other.boundPort("plain"))) {
            assertThat(first.readLine()).startsWith("+OK hello");
            assertThat(second.readLine()).as("a limit reached on one server does not refuse on another").startsWith("+OK hello");
        } finally {
            other.close();
        }
    }

    private LineClient proxied(String clientAddress) throws Exception {
        return LineClient.connect(port("proxied")).send("PROXY TCP4 " + clientAddress + " 192.0.2.1 40000 25\r\n");
    }
}
