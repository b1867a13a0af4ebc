package org.mailplatform.imap.fetch;

import java.util.List;

/** One data item of a FETCH (RFC 9051 6.4.5, RFC 3501 6.4.5, RFC 3516, RFC 7162). */
public sealed interface FetchItem {

    /** Whether answering it needs the parsed structure of the message. */
    default boolean needsStructure() {
        return false;
    }

    /** Whether answering it reads the message's octets. */
    default boolean needsContent() {
        return false;
    }

    record Flags() implements FetchItem {
    }

    record InternalDate() implements FetchItem {
    }

    record Size() implements FetchItem {
    }

    record Uid() implements FetchItem {
    }

    record ModSeq() implements FetchItem {
    }

    record Envelope() implements FetchItem {
        @Override
        public boolean needsStructure() {
            return true;
        }
    }

    /** BODYSTRUCTURE ({@code extensions}) or BODY. */
    record Structure(boolean extensions) implements FetchItem {
        @Override
        public boolean needsStructure() {
            return true;
        }
    }

    /**
     * BODY[...], BODY.PEEK[...], RFC822, RFC822.HEADER, RFC822.TEXT, BINARY[...], BINARY.PEEK[...]
     * and BINARY.SIZE[...].
     *
     * @param responseName the name the response carries, e.g. {@code BODY[HEADER]<0>} or {@code RFC822}
     * @param text         HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, MIME or null
     * @param setsSeen     RFC 9051 6.4.5: fetching it sets \Seen
     * @param offset       the partial's origin, or -1
     * @param length       the partial's length, or -1
     */
    record Section(String responseName, Kind kind, List<Integer> part, String text, List<String> fields,
                   boolean setsSeen, long offset, long length) implements FetchItem {

        public enum Kind { BODY, BINARY, BINARY_SIZE }

        public boolean wholeMessage() {
            return part.isEmpty() && text == null;
        }

        @Override
        public boolean needsStructure() {
            return !wholeMessage();
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }
}
