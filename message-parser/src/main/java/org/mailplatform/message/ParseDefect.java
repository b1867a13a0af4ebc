package org.mailplatform.message;

/** Something wrong with a message that the parser worked around. */
public enum ParseDefect {
    /** The top-level header has no empty line after it: the whole message is header (RFC 5322 2.1). */
    MISSING_HEADER_SEPARATOR,
    /** A header line that is neither a field nor a continuation line. */
    INVALID_HEADER_LINE,
    /** A header value with 8-bit octets outside RFC 2047 encoded words. */
    EIGHT_BIT_HEADER,
    /** A Content-Type that is not type/subtype: read as text/plain; charset=us-ascii (RFC 2045 5.2). */
    INVALID_CONTENT_TYPE,
    /** A multipart without a boundary parameter: read as text/plain (RFC 2046 5.1.1 requires one). */
    MULTIPART_WITHOUT_BOUNDARY,
    /** A multipart with no body part: reported with one empty text/plain part (RFC 3501 body-type-mpart needs one). */
    MULTIPART_WITHOUT_PARTS,
    /** A multipart whose close delimiter is missing: its last part runs to the end of the multipart. */
    MISSING_CLOSE_DELIMITER,
    /** A message/rfc822 part with a transfer encoding other than 7bit/8bit/binary (RFC 2046 5.2.1). */
    ENCODED_MESSAGE_PART,
    /** Nesting beyond the configured depth: deeper entities are reported as opaque parts. */
    NESTING_TOO_DEEP,
    /** More parts than the configured limit: the rest is folded into the last part. */
    TOO_MANY_PARTS,
    /** The parser failed unexpectedly; the message is reported as one text/plain body. */
    INTERNAL_ERROR
}
