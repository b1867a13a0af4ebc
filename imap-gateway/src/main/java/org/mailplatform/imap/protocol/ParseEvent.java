package org.mailplatform.imap.protocol;

import java.util.Arrays;

/** What {@link ImapRequestParser#next} found in the input. */
public sealed interface ParseEvent {

    /** A complete command; the parser has not read past its CRLF. */
    record CommandReady(ImapRequest request) implements ParseEvent {
    }

    /**
     * A synchronizing literal was announced and accepted: the server must now send a command
     * continuation request ({@code + Ready for literal data}) before the client sends the
     * {@code literalSize} octets (RFC 9051 4.3, RFC 3501 7.5).
     */
    record ContinuationNeeded(String tag, long literalSize) implements ParseEvent {
    }

    /**
     * The line the server asked for with {@link ImapRequestParser#expectContinuationLine()}:
     * an AUTHENTICATE response (RFC 9051 6.2.2) or IDLE's {@code DONE} (RFC 2177). CRLF removed.
     */
    record ContinuationLine(byte[] line) implements ParseEvent {

        @Override
        public boolean equals(Object o) {
            return o instanceof ContinuationLine other && Arrays.equals(line, other.line);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(line);
        }

        @Override
        public String toString() {
            return "ContinuationLine[" + line.length + " octets]";
        }
    }

    /**
     * The command could not be read. Reply {@code tag status [code] message}, or untagged when
     * {@code tag} is null (RFC 9051 7.1.3); the parser skips the rest of the command by itself.
     * When {@code closeConnection} is set the input cannot be resynchronized: send
     * {@code * BYE [code] message} and close.
     */
    record ParseError(String tag, ImapStatus status, ResponseCode code, String message, boolean closeConnection)
            implements ParseEvent {
    }
}
