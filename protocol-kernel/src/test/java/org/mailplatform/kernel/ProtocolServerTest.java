package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProtocolServerTest extends ServerFixture {

    @Test
    void greetsAndAnswersPipelinedLinesInOrder() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            assertThat(client.readLine()).startsWith("+OK hello 127.0.0.1 ").endsWith(" plain tls=false");

            client.send("ONE\r\nTWO\nTHREE\r\n");

            assertThat(client.readLine()).isEqualTo("+OK echo ONE");
            assertThat(client.readLine()).isEqualTo("+OK echo TWO bareLf");
            assertThat(client.readLine()).isEqualTo("+OK echo THREE");
            assertThat(client.command("QUIT")).isEqualTo("+OK bye");
            assertThat(client.closedByServer()).isTrue();
        }
        await().until(() -> protocol.journal.contains("close"));
        assertThat(protocol.journal).containsExactly("connect", "line:ONE", "line:TWO", "line:THREE", "line:QUIT", "close");
    }

    @Test
    void switchesToRawBytesAndBackWithinOnePacket() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("RAW 12\r\n0123\r\n456789LINE\r\n");

            assertThat(client.readLine()).isEqualTo("+OK go");
            assertThat(client.readLine()).isEqualTo("+OK raw 12 0123");
            assertThat(client.readLine()).isEqualTo("456789");
            assertThat(client.readLine()).isEqualTo("+OK echo LINE");
        }
    }

    @Test
    void carriesALargeRawReadThroughBackPressure() throws Exception {
        start(fastSettings().withMaxBufferedInput(8 * 1024), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            byte[] body = new byte[3 * 1024 * 1024];
            Arrays.fill(body, (byte) 'z');

            client.send("RAW " + body.length + "\r\n");
            assertThat(client.readLine()).isEqualTo("+OK go");
            client.sendBytes(body).send("AFTER\r\n");

            assertThat(client.readLine()).isEqualTo("+OK raw " + body.length + " (" + body.length + " bytes)");
            assertThat(client.readLine()).isEqualTo("+OK echo AFTER");
        }
    }

    @Test
    void reportsAnOverlongLineAndKeepsTheConnectionUsable() throws Exception {
        start(fastSettings().withMaxLineLength(20), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("y".repeat(200_000) + "\r\nNOOP\r\n");

            assertThat(client.readLine()).isEqualTo("-ERR line too long (20 kept)");
            assertThat(client.readLine()).isEqualTo("+OK echo NOOP");
            assertThat(client.command("MAXLINE 4")).isEqualTo("+OK");
            assertThat(client.command("12345")).isEqualTo("-ERR line too long (4 kept)");
        }
    }

    @Test
    void aFailingSessionGetsAGenericReplyAndTheServerCarriesOn() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("FAIL\r\nNOOP\r\n");

            assertThat(client.readLine()).isEqualTo("-ERR internal error");
            assertThat(client.closedByServer()).isTrue();
        }
        await().until(() -> protocol.journal.contains("close"));
        assertThat(protocol.journal).containsExactly("connect", "line:FAIL", "close");
        try (LineClient client = LineClient.connect(port("plain"))) {
            assertThat(client.readLine()).startsWith("+OK hello");
            assertThat(client.command("NOOP")).isEqualTo("+OK echo NOOP");
        }
        assertThat(counter("mail.kernel.session.errors", "listener", "plain")).isEqualTo(1);
    }

    @Test
    void aBlockedSessionDoesNotHoldUpOtherConnections() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient blocked = LineClient.connect(port("plain"));
             LineClient other = LineClient.connect(port("plain"))) {
            blocked.readLine();
            other.readLine();
            blocked.send("BLOCK\r\nAFTER BLOCK\r\n");

            assertThat(other.command("NOOP")).isEqualTo("+OK echo NOOP");

            protocol.release();
            assertThat(blocked.readLine()).isEqualTo("+OK released");
            assertThat(blocked.readLine()).isEqualTo("+OK echo AFTER BLOCK");
        }
    }

    @Test
    void otherThreadsActOnASessionThroughExecuteOnly() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            SessionContext context = protocol.contexts.getFirst();

            context.execute(() -> context.write("* 3 EXISTS\r\n"));

            assertThat(client.readLine()).isEqualTo("* 3 EXISTS");
            assertThatThrownBy(() -> context.readRaw(5)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> context.startTls(new byte[0])).isInstanceOf(IllegalStateException.class);
            context.writeAndFlush("* OK direct\r\n").get();
            assertThat(client.readLine()).isEqualTo("* OK direct");
        }
    }

    @Test
    void countsConnectionsPerListener() throws Exception {
        start(fastSettings(), listener("a", TlsMode.NONE), listener("b", TlsMode.NONE));
        try (LineClient first = LineClient.connect(port("a")); LineClient second = LineClient.connect(port("a"))) {
            first.readLine();
            second.readLine();
            assertThat(registry.get("mail.kernel.connections.active").tag("listener", "a").gauge().value()).isEqualTo(2);
            assertThat(server.openConnections()).isEqualTo(2);
        }
        await().until(() -> registry.get("mail.kernel.connections.active").tag("listener", "a").gauge().value() == 0);
        assertThat(counter("mail.kernel.connections", "listener", "a")).isEqualTo(2);
        assertThat(counter("mail.kernel.connections", "listener", "b")).isZero();
    }

    @Test
    void failsToStartWhenAPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ProtocolServer blocked = ProtocolServer.builder("echo", protocol)
                    .listener(new ListenerSpec("taken", "127.0.0.1", taken.getLocalPort(), TlsMode.NONE))
                    .build();
            assertThatThrownBy(blocked::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("taken");
            blocked.close();
        }
        assertThatThrownBy(() -> ProtocolServer.builder("echo", protocol).listener(listener("x", TlsMode.IMPLICIT)).build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(new String(protocol.tooManyConnectionsReply(), StandardCharsets.US_ASCII)).isNotEmpty();
    }
}
