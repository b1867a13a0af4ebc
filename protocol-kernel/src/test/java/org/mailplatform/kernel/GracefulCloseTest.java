package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class GracefulCloseTest extends ServerFixture {

    @Test
    void stopsAcceptingLetsTheRunningCommandFinishAndSaysGoodbye() throws Exception {
        start(fastSettings().withShutdownGracePeriod(Duration.ofSeconds(10)), listener("plain", TlsMode.NONE));
        int port = port("plain");
        try (LineClient idle = LineClient.connect(port); LineClient busy = LineClient.connect(port)) {
            idle.readLine();
            busy.readLine();
            busy.send("BLOCK\r\n");
            await().until(() -> protocol.lines().contains("BLOCK"));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            assertThat(idle.readLine()).isEqualTo("-ERR shutting down");
            assertThat(idle.closedByServer()).isTrue();
            await().untilAsserted(() -> assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class));
            assertThat(closing).isNotDone();

            protocol.release();
            assertThat(busy.readLine()).isEqualTo("+OK released");
            assertThat(busy.readLine()).isEqualTo("-ERR shutting down");
            assertThat(busy.closedByServer()).isTrue();
            closing.get();
        }
        assertThat(protocol.journal.stream().filter("close"::equals).count()).isEqualTo(2);
    }

    @Test
    void closesSessionsThatOutlastTheGracePeriod() throws Exception {
        start(fastSettings().withShutdownGracePeriod(Duration.ofMillis(300)), listener("plain", TlsMode.NONE));
        try (LineClient busy = LineClient.connect(port("plain"))) {
            busy.readLine();
            busy.send("BLOCK\r\n");
            await().until(() -> protocol.lines().contains("BLOCK"));

            long started = System.nanoTime();
            server.close();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(busy.closedByServer()).isTrue();
        }
    }
}
