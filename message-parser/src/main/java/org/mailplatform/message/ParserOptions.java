package org.mailplatform.message;

/**
 * Limits of the parser.
 *
 * @param searchTextLimit most chars of {@link ParsedMessage#searchText()}
 * @param maxNestingDepth most levels of multipart / message/rfc822 nesting parsed as structure
 * @param maxParts        most body parts reported for one message
 */
public record ParserOptions(int searchTextLimit, int maxNestingDepth, int maxParts) {

    public static final int DEFAULT_SEARCH_TEXT_LIMIT = 1 << 20;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 50;
    public static final int DEFAULT_MAX_PARTS = 5_000;

    public ParserOptions {
        if (searchTextLimit < 0 || maxNestingDepth < 1 || maxParts < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ParserOptions defaults() {
        return new ParserOptions(DEFAULT_SEARCH_TEXT_LIMIT, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_PARTS);
    }

    public ParserOptions withSearchTextLimit(int limit) {
        return new ParserOptions(limit, maxNestingDepth, maxParts);
    }
}
