package org.mailplatform.imap.protocol;

/**
 * Bounds on the work one command can ask for, beyond the parser's sizes ({@link ImapParserLimits}):
 * each caps an argument whose cost grows faster than its length (sequence-set ranges are checked
 * per message, SEARCH keys per message and nest by recursion, FETCH items per message, LIST
 * patterns per mailbox name). A command over a bound gets {@code BAD [LIMIT]} and the session goes
 * on (RFC 9051 7.1, RFC 5530 3).
 */
public final class CommandLimits {

    /** Ranges in one sequence set: a 64 KiB line could otherwise hold some 20 000. */
    public static final int MAX_SEQUENCE_RANGES = 10_000;
    /** SEARCH keys in one command, every key of OR, NOT and parentheses counted. */
    public static final int MAX_SEARCH_KEYS = 1_000;
    /** How deep SEARCH keys nest through OR, NOT and parentheses. */
    public static final int MAX_SEARCH_DEPTH = 100;
    /** Data items in one FETCH (macros count as one). */
    public static final int MAX_FETCH_ITEMS = 100;
    /** Characters of a LIST/LSUB reference or pattern, as sent; stored names have at most 1024. */
    public static final int MAX_PATTERN_LENGTH = 1024;
    /** Patterns in one LIST (RFC 5258 3). */
    public static final int MAX_LIST_PATTERNS = 100;

    private CommandLimits() {
    }

    /** The refusal of an argument over a bound. */
    public static ImapSyntaxException exceeded(String what) {
        return new ImapSyntaxException(ResponseCode.LIMIT, what);
    }
}
