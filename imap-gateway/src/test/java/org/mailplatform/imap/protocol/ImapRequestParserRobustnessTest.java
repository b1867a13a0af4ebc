package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.imap.protocol.ParserDriver.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Arbitrary input never breaks the parser, and how it is split never changes the outcome. */
class ImapRequestParserRobustnessTest {

    private static final byte[] ALPHABET = "aZ09 ()[]{}+~\"\\*%$:,.<>\r\n\r\n\0\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] FRAGMENTS = {
        "a1", "NOOP", "{70000+}", "(", ")", "\"q\\\"\"", "BODY[", "BODY.PEEK[HEADER.FIELDS (A B)]<0.5>", "1:*",
        "\u00e4", "NIL", "{99999999999}", "\\Seen", "\"unterminated",
    };

    @Test
    void randomInputIsHandledTheSameWayHoweverItArrives() {
        Random random = new Random(20261126);
        java.util.Map<Class<?>, Integer> seen = new java.util.HashMap<>();
        for (int round = 0; round < 400; round++) {
            byte[] input = randomInput(random);
            List<ParseEvent> whole = parseChecked(input, input.length);
            assertThat(parseChecked(input, 1)).as("round %d byte by byte", round).isEqualTo(whole);
            assertThat(parseChecked(input, 1 + random.nextInt(17))).as("round %d chunked", round).isEqualTo(whole);
            for (ParseEvent e : whole) {
                seen.merge(e.getClass(), 1, Integer::sum);
                if (e instanceof ParseEvent.ParseError error) {
                    assertThat(error.status()).isNotNull();
                    assertThat(error.message()).isNotBlank();
                }
            }
        }
        // The input reaches every outcome, or the test proves little.
        assertThat(seen).containsKeys(ParseEvent.CommandReady.class, ParseEvent.ParseError.class,
                ParseEvent.ContinuationNeeded.class, ParseEvent.ContinuationLine.class);
        assertThat(seen.get(ParseEvent.CommandReady.class)).isGreaterThan(20);
    }

    @Test
    void aCleanCommandAfterGarbageLinesIsRead() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            // Garbage without literal announcements, which would legitimately swallow what follows.
            for (int i = 0; i < 1 + random.nextInt(60); i++) {
                byte b = ALPHABET[random.nextInt(ALPHABET.length)];
                input.write(b == '{' ? '(' : b);
            }
            input.writeBytes("\r\nz9 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            List<ParseEvent> events = parse(input.toByteArray(), 1 + random.nextInt(5));
            assertThat(events).isNotEmpty();
            assertThat(events.getLast()).isInstanceOfSatisfying(ParseEvent.CommandReady.class,
                    ready -> assertThat(ready.request().tag()).isEqualTo("z9"));
        }
    }

    /** Plausible commands, some broken, mixed with garbage lines and the odd flipped byte. */
    private static byte[] randomInput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = 1 + random.nextInt(6);
        for (int line = 0; line < lines; line++) {
            if (random.nextInt(10) < 7) {
                out.writeBytes(ascii("t" + line + " " + NAMES[random.nextInt(NAMES.length)]));
                int tokens = random.nextInt(7);
                for (int t = 0; t < tokens; t++) {
                    out.write(' ');
                    writeToken(random, out);
                }
            } else {
                for (int i = random.nextInt(30); i > 0; i--) {
                    out.write(random.nextBoolean()
                            ? ALPHABET[random.nextInt(ALPHABET.length)]
                            : ascii(FRAGMENTS[random.nextInt(FRAGMENTS.length)])[0]);
                }
            }
            out.writeBytes(ascii(random.nextInt(8) == 0 ? "\n" : "\r\n"));
        }
        byte[] input = out.toByteArray();
        if (input.length > 0 && random.nextInt(3) == 0) {
            input[random.nextInt(input.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return input;
    }

    private static final String[] NAMES = {"NOOP", "LOGIN", "FETCH", "UID FETCH", "APPEND", "SEARCH", "IDLE"};

    private static void writeToken(Random random, ByteArrayOutputStream out) {
        switch (random.nextInt(6)) {
            case 0 -> out.writeBytes(ascii(FRAGMENTS[random.nextInt(FRAGMENTS.length)]));
            case 1 -> out.writeBytes(ascii("(a (b \"c\") " + random.nextInt(100) + ")"));
            case 2, 3 -> {
                int size = random.nextInt(6);
                String[] forms = {"{%d}\r\n", "{%d+}\r\n", "~{%d}\r\n"};
                out.writeBytes(ascii(String.format(forms[random.nextInt(forms.length)], size)));
                for (int i = 0; i < size; i++) {
                    out.write(ALPHABET[random.nextInt(ALPHABET.length)]);
                }
            }
            default -> out.writeBytes(ascii("atom" + random.nextInt(10)));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses with a fresh parser that sometimes expects a continuation line between commands. */
    private static List<ParseEvent> parseChecked(byte[] input, int chunkSize) {
        ImapRequestParser parser = new ImapRequestParser();
        List<ParseEvent> events = new ArrayList<>();
        for (int offset = 0; offset < input.length; offset += chunkSize) {
            ByteBuffer chunk = ByteBuffer.wrap(input, offset, Math.min(chunkSize, input.length - offset));
            ParseEvent event;
            while ((event = parser.next(chunk)) != null) {
                events.add(event);
                if (event instanceof ParseEvent.CommandReady ready && ready.request().name().equals("IDLE")) {
                    parser.expectContinuationLine();
                }
            }
        }
        return events;
    }
}
