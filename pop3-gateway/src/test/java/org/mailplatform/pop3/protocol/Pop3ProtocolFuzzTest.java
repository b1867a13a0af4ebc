package org.mailplatform.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * POP3 command lines as the dispatcher reads them, and multi-line responses as RETR and TOP write
 * them: a client that undoes the dot-stuffing (RFC 1939 3) gets the stored bytes back exactly and
 * sees the terminator only at the end.
 */
class Pop3ProtocolFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void commandLinesSplitIntoKeywordAndArguments(byte[] line) {
        Pop3CommandLine command = Pop3CommandLine.parse(line);
        String text = new String(line, StandardCharsets.UTF_8);

        int space = text.indexOf(' ');
        assertThat(command.keyword()).doesNotContain(" ");
        assertThat(command.rest()).isEqualTo(space < 0 ? "" : text.substring(space + 1));
        for (String argument : command.arguments()) {
            assertThat(argument).isNotEmpty().doesNotContain(" ");
            number(argument);
        }
        try {
            command.requireArguments(1, 2);
            assertThat(command.argumentCount()).isBetween(1, 2);
        } catch (Pop3Error e) {
            assertThat(command.argumentCount() < 1 || command.argumentCount() > 2).isTrue();
        }
    }

    /** A number is accepted only as up to 9 ASCII digits, and then means what it says. */
    private static void number(String argument) {
        try {
            int n = Numbers.lineCount(argument);
            assertThat(argument).matches("[0-9]{1,9}");
            assertThat(n).isEqualTo(Integer.parseInt(argument));
        } catch (Pop3Error e) {
            assertThat(argument).doesNotMatch("[0-9]{1,9}");
        }
        try {
            assertThat(Numbers.messageNumber(argument)).isPositive();
        } catch (Pop3Error expected) {
            // -ERR
        }
    }

    @FuzzTest(maxDuration = "10s")
    void dotStuffedResponsesReadBackExactly(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 32);
        int topLines = data.consumeInt(-1, 5);
        byte[] message = data.consumeRemainingAsBytes();

        // What RETR (topLines < 0) or TOP sends of the message, fed in chunks as it is read from storage.
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffer stuffer = new DotStuffer(wire::writeBytes);
        TopFilter top = topLines < 0 ? null : new TopFilter(topLines);
        for (int at = 0; at < message.length; at += chunk) {
            int length = Math.min(chunk, message.length - at);
            int accepted = top == null ? length : top.accept(message, at, length);
            stuffer.write(message, at, accepted);
            sent.write(message, at, accepted);
            if (top != null && top.done()) {
                break;
            }
        }
        stuffer.finish();

        byte[] expected = sent.toByteArray();
        if (top != null) {
            assertThat(expected).isEqualTo(referenceTop(message, topLines));
        }
        byte[] read = clientRead(wire.toByteArray());
        byte[] open = expected.length > 0 && expected[expected.length - 1] != '\n'
                ? concat(expected, new byte[] {'\r', '\n'}) : expected;
        assertThat(read).isEqualTo(open);
    }

    /** A client as poplib reads: lines split at LF, the first "." line ends it, a leading dot is removed. */
    private static byte[] clientRead(byte[] wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        while (start < wire.length) {
            int lf = start;
            while (lf < wire.length && wire[lf] != '\n') {
                lf++;
            }
            assertThat(lf).as("the response ends with a terminated line").isLessThan(wire.length);
            int contentEnd = lf > start && wire[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd - start == 1 && wire[start] == '.') {
                assertThat(lf + 1).as("nothing follows the terminator").isEqualTo(wire.length);
                return out.toByteArray();
            }
            int from = wire[start] == '.' ? start + 1 : start;
            out.write(wire, from, lf + 1 - from);
            start = lf + 1;
        }
        throw new AssertionError("no terminator");
    }

    /** RFC 1939 7: the header, the blank line, then n body lines (each with its line end). */
    private static byte[] referenceTop(byte[] message, int bodyLines) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int position = 0;
        boolean inBody = false;
        int seen = 0;
        while (position < text.length()) {
            int lf = text.indexOf('\n', position);
            if (lf < 0) {
                return message;
            }
            String content = text.substring(position, lf).replace("\r", "");
            position = lf + 1;
            if (!inBody) {
                if (content.isEmpty()) {
                    inBody = true;
                    if (bodyLines == 0) {
                        break;
                    }
                }
            } else if (++seen >= bodyLines) {
                break;
            }
        }
        return java.util.Arrays.copyOf(message, position);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
