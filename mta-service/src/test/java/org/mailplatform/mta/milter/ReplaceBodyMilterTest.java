package org.mailplatform.mta.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.milter.MilterSettings.DefaultAction;

/**
 * SMFIR_REPLBODY from a milter built on the real libmilter (pymilter), over a real socket: the new
 * body, sent in two packets with bare LF line ends, replaces the body with CRLF line ends, the
 * header section (and the milter's added field) kept.
 */
class ReplaceBodyMilterTest {

    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static Process milter;
    private static InetSocketAddress address;

    @BeforeAll
    static void startMilter() throws Exception {
        assumePresent(pymilterPresent(), "pymilter is not installed (apt-get install python3-milter; .ci/run does it)");
        Path script = Files.createTempFile("replace-body", ".py");
        try (InputStream in = ReplaceBodyMilterTest.class.getResourceAsStream("/milter/replace-body.py")) {
            Files.write(script, in.readAllBytes());
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        milter = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return;
            } catch (IOException notYet) {
                if (!milter.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the test milter did not start listening on " + address);
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopMilter() throws InterruptedException {
        if (milter != null) {
            milter.destroy();
            milter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theReplacedBodyIsWhatIsDeliveredWithCrlfLineEnds() {
        byte[] message = "From: a@example.test\r\nSubject: original\r\n\r\nOriginal body\r\nwith two lines\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        MilterChain.Outcome outcome = chain().filter(request(message));

        assertThat(outcome.verdict()).isInstanceOf(MilterVerdict.Pass.class);
        assertThat(new String(outcome.message(), StandardCharsets.US_ASCII)).isEqualTo(
                "From: a@example.test\r\nSubject: original\r\nX-Body-Replaced: yes\r\n\r\n"
                        + "Replaced by the milter.\r\nSecond line\r\n\r\nLast line without end\r\n");
    }

    @Test
    void aMessageWithoutABodyGetsTheSeparatorAndTheNewBody() {
        byte[] message = "From: a@example.test\r\nSubject: empty\r\n".getBytes(StandardCharsets.US_ASCII);

        MilterChain.Outcome outcome = chain().filter(request(message));

        assertThat(new String(outcome.message(), StandardCharsets.US_ASCII)).isEqualTo(
                "From: a@example.test\r\nSubject: empty\r\nX-Body-Replaced: yes\r\n\r\n"
                        + "Replaced by the milter.\r\nSecond line\r\n\r\nLast line without end\r\n");
    }

    private static MilterChain chain() {
        MilterSettings settings = new MilterSettings("replace-body", address, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10), DefaultAction.TEMPFAIL);
        return new MilterChain(List.of(settings), "mx.example.test", null);
    }

    private static MilterRequest request(byte[] message) {
        return new MilterRequest("s1", new InetSocketAddress("127.0.0.1", 40000), null, "client.test", null, null,
                null, "a@example.test", List.of(), List.of("b@example.test"), message);
    }

    private static boolean pymilterPresent() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import Milter").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
