package org.mailplatform.imap.protocol;

/**
 * Bounds the parser enforces before it commits memory.
 *
 * @param maxLineLength octets of one line outside literals, CRLF excluded
 * @param maxLiteralSize largest literal in any command but APPEND (passwords, search strings)
 * @param maxAppendLiteralSize largest literal in APPEND, the message; advertise it as APPENDLIMIT (RFC 7889)
 * @param maxCommandSize octets of a whole command, literals included
 * @param maxNestingDepth deepest parenthesized list
 * @param maxArguments arguments of one command, list items and nested lists counted
 * @param maxDiscardSize largest refused non-synchronizing literal that is read and thrown away;
 *     beyond it the connection is closed rather than spend the bandwidth (RFC 7888 4)
 */
public record ImapParserLimits(
        int maxLineLength,
        int maxLiteralSize,
        int maxAppendLiteralSize,
        long maxCommandSize,
        int maxNestingDepth,
        int maxArguments,
        long maxDiscardSize) {

    /** Largest literal a byte array can hold with room to spare. */
    public static final int MAX_LITERAL_LIMIT = Integer.MAX_VALUE - 16;

    public ImapParserLimits {
        // RFC 7162 4: lines of at least 8192 octets must be accepted.
        if (maxLineLength < 8192 || maxLiteralSize < 0 || maxAppendLiteralSize < 0
                || maxLiteralSize > MAX_LITERAL_LIMIT || maxAppendLiteralSize > MAX_LITERAL_LIMIT
                || maxCommandSize < maxLineLength || maxNestingDepth < 1 || maxArguments < 1 || maxDiscardSize < 0) {
            throw new IllegalArgumentException("Invalid IMAP parser limits");
        }
    }

    /** 64 KiB lines, 1 MiB literals, 25 MiB APPEND, 26 MiB commands, depth 32, 10 000 arguments. */
    public static ImapParserLimits defaults() {
        int appendLimit = 25 * 1024 * 1024;
        return new ImapParserLimits(64 * 1024, 1024 * 1024, appendLimit, appendLimit + 1024L * 1024,
                32, 10_000, appendLimit);
    }

    public ImapParserLimits withMaxLineLength(int value) {
        return new ImapParserLimits(value, maxLiteralSize, maxAppendLiteralSize, maxCommandSize,
                maxNestingDepth, maxArguments, maxDiscardSize);
    }

    public ImapParserLimits withMaxLiteralSize(int value) {
        return new ImapParserLimits(maxLineLength, value, maxAppendLiteralSize, maxCommandSize,
                maxNestingDepth, maxArguments, maxDiscardSize);
    }

    public ImapParserLimits withMaxAppendLiteralSize(int value) {
        return new ImapParserLimits(maxLineLength, maxLiteralSize, value, maxCommandSize,
                maxNestingDepth, maxArguments, maxDiscardSize);
    }

    public ImapParserLimits withMaxCommandSize(long value) {
        return new ImapParserLimits(maxLineLength, maxLiteralSize, maxAppendLiteralSize, value,
                maxNestingDepth, maxArguments, maxDiscardSize);
    }

    public ImapParserLimits withMaxNestingDepth(int value) {
        return new ImapParserLimits(maxLineLength, maxLiteralSize, maxAppendLiteralSize, maxCommandSize,
                value, maxArguments, maxDiscardSize);
    }

    public ImapParserLimits withMaxArguments(int value) {
        return new ImapParserLimits(maxLineLength, maxLiteralSize, maxAppendLiteralSize, maxCommandSize,
                maxNestingDepth, value, maxDiscardSize);
    }

    public ImapParserLimits withMaxDiscardSize(long value) {
        return new ImapParserLimits(maxLineLength, maxLiteralSize, maxAppendLiteralSize, maxCommandSize,
                maxNestingDepth, maxArguments, value);
    }

    /** The literal limit of a command: APPEND carries messages, everything else small strings. */
    long literalLimitFor(String commandName) {
        return "APPEND".equals(commandName) ? maxAppendLiteralSize : maxLiteralSize;
    }
}
