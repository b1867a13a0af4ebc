package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class IdleTimeoutTest extends ServerFixture {

    @Test
    void aSilentClientIsToldAndDisconnected() throws Exception {
        start(fastSettings().withIdleTimeout(Duration.ofMillis(300)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            assertThat(client.readLine()).isEqualTo("-ERR idle timeout");
            assertThat(client.closedByServer()).isTrue();
        }
        await().until(() -> protocol.journal.contains("close"));
        assertThat(protocol.journal).containsExactly("connect", "idle", "close");
    }

    @Test
    void aClientWaitingForASlowCommandIsNotIdle() throws Exception {
        start(fastSettings().withIdleTimeout(Duration.ofMillis(200)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            client.send("BLOCK\r\n");

            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> !protocol.journal.contains("idle"));
            protocol.release();

            assertThat(client.readLine()).isEqualTo("+OK released");
            assertThat(client.readLine()).as("idle again once the command is done").isEqualTo("-ERR idle timeout");
        }
    }

    @Test
    void aSessionCanChangeItsOwnTimeout() throws Exception {
        start(fastSettings().withIdleTimeout(Duration.ofMinutes(10)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            assertThat(client.command("IDLE 200")).isEqualTo("+OK");

            assertThat(client.readLine()).isEqualTo("-ERR idle timeout");
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
