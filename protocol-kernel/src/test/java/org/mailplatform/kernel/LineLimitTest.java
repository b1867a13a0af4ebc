package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Over-long lines with production settings: one that ends is refused and the session goes on; one that never ends closes it. */
class LineLimitTest extends ServerFixture {

    private static final int MIB = 1024 * 1024;

    @Test
    void anEndlessLineIsAnsweredAndClosedAfterTheAllowance() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> sendWithoutLineFeed(client, 10 * MIB));

            assertThat(client.readLine()).isEqualTo("-ERR limit LINE_TOO_LONG");
            assertThat(client.closedByServer()).isTrue();
            sent.join();
        }
        await().until(() -> protocol.journal.contains("close"));
        assertThat(protocol.lines()).isEmpty();
        assertThat(counter("mail.kernel.limits.exceeded", "limit", "line_too_long")).isEqualTo(1);
    }

    @Test
    void anOverlongLineThatEndsWithinTheAllowanceIsRefusedAndTheSessionGoesOn() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            client.send("x".repeat(200_000) + "\r\n");

            assertThat(client.readLine()).isEqualTo("-ERR line too long (8192 kept)");
            assertThat(client.command("next")).isEqualTo("+OK echo next");
        }
    }

    private static long sendWithoutLineFeed(LineClient client, int total) {
        byte[] block = "y".repeat(64 * 1024).getBytes();
        long written = 0;
        try {
            OutputStream out = client.socket().getOutputStream();
            while (written < total) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException closedByServer) {
            // expected once the server gave up on the line
        }
        return written;
    }
}
