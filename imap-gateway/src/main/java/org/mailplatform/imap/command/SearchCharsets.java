package org.mailplatform.imap.command;

import java.util.List;
import java.util.Locale;

import org.mailplatform.imap.protocol.ResponseCode;

/** The charsets SORT and THREAD accept for their search strings (RFC 5256 3 and 4). */
final class SearchCharsets {

    static final List<String> SUPPORTED = List.of("UTF-8", "US-ASCII");

    private SearchCharsets() {
    }

    /** RFC 5256 3: an unknown charset is a NO with BADCHARSET listing those supported. */
    static void check(String charset) throws ImapCommandException {
        if (!SUPPORTED.contains(charset.toUpperCase(Locale.ROOT))) {
            throw ImapCommandException.no(ResponseCode.badCharset(SUPPORTED), "Unsupported charset");
        }
    }
}
