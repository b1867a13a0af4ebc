package org.mailplatform.mta.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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

    private static PyMilter milter;
    private static InetSocketAddress address;

    @BeforeAll
    static void startMilter() throws Exception {
        assumePresent(PyMilter.available(), "pymilter is not installed (apt-get install python3-milter; .ci/run does it)");
        milter = PyMilter.start("/milter/replace-body.py");
        address = milter.address();
    }

    @AfterAll
    static void stopMilter() throws InterruptedException {
        if (milter != null) {
            milter.close();
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
}
