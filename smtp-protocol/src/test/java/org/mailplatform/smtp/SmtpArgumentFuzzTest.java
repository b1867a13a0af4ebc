package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.Recipient;

/**
 * MAIL FROM and RCPT TO arguments as MailCommand and RcptCommand read them: any line either parses or
 * fails with {@link SmtpSyntaxException} (a 5xx reply), and what parses is consistent with itself and
 * makes a valid record envelope.
 */
class SmtpArgumentFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void mailAndRcptArguments(FuzzedDataProvider data) {
        boolean dsn = data.consumeBoolean();
        boolean chunking = data.consumeBoolean();
        byte[] line = data.consumeRemainingAsBytes();
        SmtpCommandLine command;
        try {
            command = SmtpCommandLine.parse(line);
        } catch (SmtpSyntaxException notUtf8) {
            // RFC 6531 3.1: a line that is not well-formed UTF-8 is refused before its arguments are read.
            return;
        }
        assertThat(command.verb()).doesNotContain(" ");

        String from = command.afterKeyword("FROM:");
        if (from != null) {
            try {
                MailPathParser.PathArgument parsed = MailPathParser.parseReversePath(from);
                assertReparses(parsed, true);
                MailParameters params = MailParameters.parse(parsed.parameters(), dsn, chunking);
                assertThat(params.size()).isNotNull();
                // What EnvelopeMapper builds from an accepted MAIL FROM must be a valid envelope.
                MailEnvelope.builder().queueId("Q1").mailFrom(parsed.path().address()).recipient("r@example.test")
                        .envelopeId(params.envid()).dsnReturn(params.ret()).bodyType(params.body())
                        .smtpUtf8(params.smtpUtf8()).receivedAt(Instant.EPOCH).build();
                if (params.envid() != null) {
                    assertThat(params.envid().length()).isLessThanOrEqualTo(MailParameters.MAX_ENVID);
                }
            } catch (SmtpSyntaxException e) {
                assertSyntaxReply(e);
            }
        }
        String to = command.afterKeyword("TO:");
        if (to != null) {
            try {
                MailPathParser.PathArgument parsed = MailPathParser.parseForwardPath(to);
                assertThat(parsed.path().isNull()).isFalse();
                assertReparses(parsed, false);
                RcptParameters params = RcptParameters.parse(parsed.parameters(), dsn);
                if (!dsn) {
                    assertThat(parsed.parameters()).isEmpty();
                }
                Recipient.of(parsed.path().address(), params.notifyOn(), params.orcpt());
            } catch (SmtpSyntaxException e) {
                assertSyntaxReply(e);
            }
        }
    }

    /** Decoding never fails except with a syntax error, and encoding is always decoded back. */
    @FuzzTest(maxDuration = "10s")
    void xtextRoundTrip(FuzzedDataProvider data) {
        String text = data.consumeString(200);
        String wire = data.consumeRemainingAsString();
        try {
            Xtext.decode(wire);
        } catch (SmtpSyntaxException e) {
            assertSyntaxReply(e);
        }
        if (isWellFormed(text)) {
            String encoded = Xtext.encode(text);
            assertThat(encoded).matches("[!-~]*").doesNotContain("=");
            try {
                // Plain xtext stands for US-ASCII (RFC 3461 4); UTF-8 octets only where RFC 6531 3.3 allows.
                if (text.chars().allMatch(c -> c < 0x80)) {
                    assertThat(Xtext.decode(encoded)).isEqualTo(text);
                }
                assertThat(Xtext.decodeUtf8(encoded)).isEqualTo(text);
            } catch (SmtpSyntaxException e) {
                throw new AssertionError("own encoding refused: " + encoded, e);
            }
        }
    }

    /** A parsed path, written back in brackets, parses to the same mailbox (the envelope keeps this form). */
    private static void assertReparses(MailPathParser.PathArgument parsed, boolean reverse) {
        MailPath path = parsed.path();
        MailPath again;
        try {
            again = (reverse ? MailPathParser.parseReversePath(path.bracketed())
                    : MailPathParser.parseForwardPath(path.bracketed())).path();
        } catch (SmtpSyntaxException e) {
            throw new AssertionError("accepted path " + path.bracketed() + " does not parse again", e);
        }
        assertThat(again.localPart()).isEqualTo(path.localPart());
        assertThat(again.domain()).isEqualTo(path.domain());
        for (Map.Entry<String, String> p : parsed.parameters().entrySet()) {
            assertThat(p.getKey()).matches("[A-Z0-9][A-Z0-9-]*");
            assertThat(p.getValue()).doesNotContain("=", " ");
        }
    }

    private static void assertSyntaxReply(SmtpSyntaxException e) {
        assertThat(e.reply().code()).isBetween(500, 559);
    }

    private static boolean isWellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }
}
