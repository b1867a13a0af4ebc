package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutputBackPressureTest extends ServerFixture {

    private static final int KIB = 32 * 1024;

    @Test
    void aSessionWritingFasterThanTheClientReadsWaitsForIt() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("SPAM " + KIB + "\r\n");

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> !protocol.journal.contains("spam-done"));
            InputStream in = client.socket().getInputStream();
            in.skipNBytes(KIB * 1024L);

            assertThat(client.readLine()).isEqualTo("+OK spam");
            assertThat(protocol.journal).contains("spam-done");
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAfterTheIdleTimeout() throws Exception {
        start(fastSettings().withIdleTimeout(Duration.ofMillis(500)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("SPAM " + KIB + "\r\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> protocol.journal.contains("close"));
        }
    }
}
