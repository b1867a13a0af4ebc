package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6531 over a real socket: beyond ASCII an address holds well-formed UTF-8 (RFC 3629) and nothing
 * else, and only in a transaction that declared SMTPUTF8 (RFC 6531 3.4).
 */
class SmtpUtf8AddressTest {

    private final SmtpTestServer server = new SmtpTestServer(SmtpSettings.transfer("mx.example.test"));

    @AfterEach
    void stop() {
        server.close();
    }

    /** An overlong '/', an encoded surrogate, a byte that never occurs in UTF-8, a truncated sequence. */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda080", "ff", "e282"})
    void malformedUtf8InMailFromIsRefusedEvenWithSmtpUtf8(String hex) throws Exception {
        try (SmtpTestClient client = greeted()) {
            client.write(line("MAIL FROM:<user", hex, "@b.test> SMTPUTF8"));

            assertThat(client.reply()).isEqualTo("501 5.5.2 Syntax error: command is not valid UTF-8");
            assertThat(client.send("MAIL FROM:<ünïcode@b.test> SMTPUTF8")).startsWith("250 2.1.0");
        }
        assertThat(server.policy.transactions).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda080", "ff"})
    void malformedUtf8InRcptToIsRefused(String hex) throws Exception {
        try (SmtpTestClient client = greeted()) {
            assertThat(client.send("MAIL FROM:<a@b.test> SMTPUTF8")).startsWith("250 ");

            client.write(line("RCPT TO:<bob", hex, "@example.test>"));

            assertThat(client.reply()).startsWith("501 5.5.2");
            assertThat(client.send("RCPT TO:<bøb@example.test>")).startsWith("250 2.1.5");
        }
    }

    @Test
    void wellFormedUtf8AddressesNeedSmtpUtf8() throws Exception {
        try (SmtpTestClient client = greeted()) {
            assertThat(client.send("MAIL FROM:<ünïcode@b.test>")).startsWith("553 5.6.7");
            assertThat(client.send("MAIL FROM:<a@b.test>")).startsWith("250 ");
            assertThat(client.send("RCPT TO:<bøb@example.test>")).startsWith("553 5.6.7");
        }
    }

    private SmtpTestClient greeted() throws Exception {
        SmtpTestClient client = server.connect();
        client.reply();
        client.replyLinesOf("EHLO client.test");
        return client;
    }

    private static byte[] line(String before, String hex, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HexFormat.of().parseHex(hex));
        out.writeBytes((after + "\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
