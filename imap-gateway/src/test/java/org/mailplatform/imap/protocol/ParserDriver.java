package org.mailplatform.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Feeds a parser the way a connection would: in chunks of a given size, collecting every event. */
final class ParserDriver {

    private ParserDriver() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<ParseEvent> parse(ImapRequestParser parser, byte[] input, int chunkSize) {
        List<ParseEvent> events = new ArrayList<>();
        for (int offset = 0; offset < input.length; offset += chunkSize) {
            ByteBuffer chunk = ByteBuffer.wrap(input, offset, Math.min(chunkSize, input.length - offset));
            ParseEvent event;
            while ((event = parser.next(chunk)) != null) {
                events.add(event);
            }
        }
        return events;
    }

    static List<ParseEvent> parse(byte[] input, int chunkSize) {
        return parse(new ImapRequestParser(), input, chunkSize);
    }

    static List<ParseEvent> parse(String input) {
        return parse(bytes(input), Integer.MAX_VALUE);
    }

    static ImapRequest request(ParseEvent event) {
        if (event instanceof ParseEvent.CommandReady ready) {
            return ready.request();
        }
        throw new AssertionError("Not a command: " + event);
    }
}
