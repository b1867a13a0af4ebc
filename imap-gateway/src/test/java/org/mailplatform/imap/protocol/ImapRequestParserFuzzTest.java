package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.imap.search.SearchParser;

/**
 * The IMAP command reader on arbitrary client bytes, driven as the connection drives it: events are the
 * same however the input is split (one byte at a time included), and the arguments of every command
 * read with the argument reader and the SEARCH parser fail only with {@link ImapSyntaxException}.
 */
class ImapRequestParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void commandsAreReadTheSameHoweverTheInputIsSplit(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 16);
        LiteralMode mode = data.pickValue(LiteralMode.values());
        boolean utf8 = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();

        List<String> whole = events(input, input.length, mode, utf8);
        List<String> split = events(input, chunk, mode, utf8);
        assertThat(split).isEqualTo(whole);
    }

    private static List<String> events(byte[] input, int chunk, LiteralMode mode, boolean utf8) {
        ImapRequestParser parser = new ImapRequestParser(new ImapParserLimits(8192, 300, 600, 9000, 4, 50, 1000), mode);
        if (utf8) {
            parser.enableUtf8();
        }
        List<String> events = new ArrayList<>();
        for (int at = 0; at < input.length; at += chunk) {
            ByteBuffer buffer = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at));
            ParseEvent event;
            while ((event = parser.next(buffer)) != null) {
                events.add(describe(event));
                if (event instanceof ParseEvent.CommandReady ready) {
                    readArguments(ready.request());
                } else if (event instanceof ParseEvent.ParseError error && error.closeConnection()) {
                    return events;
                }
            }
            assertThat(buffer.hasRemaining()).isFalse();
        }
        return events;
    }

    /** Reads the arguments the ways commands do; only a syntax error may come out. */
    private static void readArguments(ImapRequest request) {
        assertThat(request.size()).isPositive();
        try {
            if (request.name().endsWith("SEARCH")) {
                ImapArgReader reader = request.reader();
                if (reader.nextIfAtom("CHARSET")) {
                    reader.nextAstring();
                }
                SearchParser.parseAll(reader);
            }
        } catch (ImapSyntaxException expected) {
            // a BAD reply
        }
        readEach(request.reader());
    }

    private static void readEach(ImapArgReader reader) {
        while (reader.hasNext()) {
            if (reader.peekIsList()) {
                try {
                    readEach(reader.nextList());
                } catch (ImapSyntaxException e) {
                    throw new AssertionError("a list that peeks as a list is read as one", e);
                }
                continue;
            }
            ImapArg arg = reader.peek();
            attempt(() -> new ImapArgReader(List.of(arg)).nextSequenceSet());
            attempt(() -> new ImapArgReader(List.of(arg)).nextNumber64());
            attempt(() -> new ImapArgReader(List.of(arg)).nextDateTime());
            attempt(() -> new ImapArgReader(List.of(arg)).nextDate());
            attempt(() -> new ImapArgReader(List.of(arg)).nextMailbox(true));
            attempt(() -> new ImapArgReader(List.of(arg)).nextMailbox(false));
            attempt(() -> new ImapArgReader(List.of(arg)).nextListMailbox());
            attempt(() -> new ImapArgReader(List.of(arg)).nextNstring());
            attempt(() -> new ImapArgReader(List.of(arg)).nextAstringBytes());
            try {
                reader.next();
            } catch (ImapSyntaxException e) {
                throw new AssertionError("hasNext but no next", e);
            }
        }
    }

    private interface Read {
        Object read() throws ImapSyntaxException;
    }

    private static void attempt(Read read) {
        try {
            if (read.read() instanceof SequenceSet set && !set.isSearchResult()) {
                assertThat(SequenceSet.parse(set.toString())).isEqualTo(set);
            }
        } catch (ImapSyntaxException expected) {
            // a BAD reply
        }
    }

    private static String describe(ParseEvent event) {
        return switch (event) {
            case ParseEvent.CommandReady ready -> "command " + ready.request().tag() + " " + ready.request().name()
                    + " " + describe(ready.request().arguments()) + " " + ready.request().size();
            case ParseEvent.ContinuationLine line -> "line " + Arrays.toString(line.line());
            default -> event.toString();
        };
    }

    private static String describe(List<ImapArg> args) {
        StringBuilder out = new StringBuilder("[");
        for (ImapArg arg : args) {
            out.append(switch (arg) {
                case ImapArg.Literal literal -> "literal" + Arrays.toString(literal.bytes()) + literal.binary();
                case ImapArg.ArgList list -> describe(list.items());
                default -> arg.getClass().getSimpleName() + ":" + arg;
            }).append(',');
        }
        return out.append(']').toString();
    }
}
