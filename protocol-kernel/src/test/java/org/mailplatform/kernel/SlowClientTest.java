package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that keeps the idle timer happy by sending a little now and then is still bounded in time. */
class SlowClientTest extends ServerFixture {

    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopDribbling() {
        dribbler.shutdownNow();
    }

    @Test
    void aClientSendingCommandsNowAndThenIsClosedAtTheLoginDeadline() throws Exception {
        start(fastSettings().withIdleTimeout(Duration.ofMillis(400)).withLoginTimeout(Duration.ofMillis(1500)),
                listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            dribble(client, "NOOP\r\n", 100);

            assertThat(readUntilError(client)).isEqualTo("-ERR limit DEADLINE");
            assertThat(client.closedByServer()).isTrue();
        }
        await().until(() -> protocol.journal.contains("close"));
        assertThat(protocol.journal).doesNotContain("idle");
        assertThat(counter("mail.kernel.limits.exceeded", "limit", "deadline")).isEqualTo(1);
    }

    @Test
    void anAuthenticatedSessionHasNoDeadline() throws Exception {
        start(fastSettings().withLoginTimeout(Duration.ofMillis(500)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("AUTH")).isEqualTo("+OK authenticated");

            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> !protocol.journal.contains("limit:DEADLINE"));
            assertThat(client.command("still here")).isEqualTo("+OK echo still here");
        }
    }

    @Test
    void aSessionCanSetItsOwnDeadline() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("AUTH")).isEqualTo("+OK authenticated");
            assertThat(client.command("DEADLINE 300")).isEqualTo("+OK");

            assertThat(client.readLine()).isEqualTo("-ERR limit DEADLINE");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aLineDribbledByteByByteIsClosedAfterTheLineTimeout() throws Exception {
        start(fastSettings().withLineTimeout(Duration.ofMillis(600)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            dribble(client, "x", 100);

            assertThat(client.readLine()).isEqualTo("-ERR limit LINE_TOO_SLOW");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(protocol.lines()).isEmpty();
    }

    @Test
    void aLineSentInPiecesWithinTheLineTimeoutIsServed() throws Exception {
        start(fastSettings().withLineTimeout(Duration.ofMillis(1000)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            for (int i = 0; i < 3; i++) {
                client.send("pie");
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
                client.send("ce\r\n");
                assertThat(client.readLine()).isEqualTo("+OK echo piece");
            }
        }
    }

    @Test
    void eachLineGetsItsFullTimeWhenManyArriveInPieces() throws Exception {
        start(fastSettings().withLineTimeout(Duration.ofMillis(800)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            client.socket().setTcpNoDelay(true);
            long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < end) {
                client.send("pie");
                client.send("ce\r\n");
                assertThat(client.readLine()).isEqualTo("+OK echo piece");
            }
            long stalledLineStarted = System.nanoTime();
            client.send("stalled");

            assertThat(client.readLine()).isEqualTo("-ERR limit LINE_TOO_SLOW");
            assertThat(Duration.ofNanos(System.nanoTime() - stalledLineStarted)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }

    @Test
    void aRawPayloadSlowerThanTheMinimumRateIsClosed() throws Exception {
        start(fastSettings().withMinPayloadRate(1000, Duration.ofMillis(300)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("RAW 100000")).isEqualTo("+OK go");
            dribble(client, "0123456789", 50);

            assertThat(client.readLine()).isEqualTo("-ERR limit PAYLOAD_TOO_SLOW");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(counter("mail.kernel.limits.exceeded", "limit", "payload_too_slow")).isEqualTo(1);
    }

    @Test
    void payloadLinesSlowerThanTheMinimumRateAreClosedWhileCommandsMayPause() throws Exception {
        start(fastSettings().withMinPayloadRate(1000, Duration.ofMillis(300)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            await().pollDelay(Duration.ofMillis(700)).until(() -> true);
            assertThat(client.command("PAYLOAD")).as("a pause between commands is no payload").isEqualTo("+OK payload");
            dribble(client, "line\r\n", 50);

            assertThat(readUntilError(client)).isEqualTo("-ERR limit PAYLOAD_TOO_SLOW");
        }
    }

    @Test
    void eachPayloadGetsAWindowOfItsOwn() throws Exception {
        // 1000 bytes/s over 4 s: a payload still running 4 s after it started must have brought 4000 bytes.
        start(fastSettings().withMinPayloadRate(1000, Duration.ofSeconds(4)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("PAYLOAD")).isEqualTo("+OK payload");
            assertThat(client.command("END")).isEqualTo("+OK end");
            // As a client waiting for a slow server's reply between two messages.
            await().pollDelay(Duration.ofMillis(1500)).until(() -> true);

            // The second payload starts within 4 s of the first and is still running then, but its
            // own 4 s are not up when it ends: the pause before it must not count against it.
            assertThat(client.command("PAYLOAD")).isEqualTo("+OK payload");
            await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
            client.sendBytes(("p".repeat(998) + "\r\n").repeat(8).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 8; i++) {
                assertThat(client.readLine()).isEqualTo("+OK echo " + "p".repeat(998));
            }
            assertThat(client.command("END")).isEqualTo("+OK end");
        }
        assertThat(protocol.journal).doesNotContain("limit:PAYLOAD_TOO_SLOW");
    }

    @Test
    void aPayloadAtFullSpeedPasses() throws Exception {
        start(fastSettings().withMinPayloadRate(1000, Duration.ofMillis(200)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("RAW 200000")).isEqualTo("+OK go");
            client.sendBytes(new byte[200_000]);
            assertThat(client.readLine()).isEqualTo("+OK raw 200000 (200000 bytes)");

            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> !protocol.journal.contains("limit:PAYLOAD_TOO_SLOW"));
            assertThat(client.command("after")).isEqualTo("+OK echo after");
        }
    }

    @Test
    void timeTheServerTakesIsNotCountedAgainstALine() throws Exception {
        start(fastSettings().withLineTimeout(Duration.ofMillis(300)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            client.send("BLOCK\r\nhalf a li");
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> !protocol.journal.contains("limit:LINE_TOO_SLOW"));
            protocol.release();

            assertThat(client.readLine()).isEqualTo("+OK released");
            client.send("ne\r\n");
            assertThat(client.readLine()).isEqualTo("+OK echo half a line");
        }
    }

    private void dribble(LineClient client, String piece, long everyMillis) {
        dribbler.scheduleAtFixedRate(() -> {
            try {
                client.send(piece);
            } catch (IOException closed) {
                throw new IllegalStateException(closed);
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Skips the echoes of dribbled commands up to the first error line. */
    private static String readUntilError(LineClient client) throws IOException {
        String line;
        do {
            line = client.readLine();
        } while (line.startsWith("+OK"));
        return line;
    }
}
