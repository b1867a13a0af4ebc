package org.mailplatform.store.message;

/**
 * A message's header section as IMAP shows it (RFC 9051 6.4.5 BODY[HEADER]): the per-recipient
 * prefix, then the body's header up to and including the empty line that separates it from the
 * body (RFC 5322 2.1).
 */
final class HeaderSection {

    private HeaderSection() {
    }

    /** {@code prefix} followed by {@code head} cut just past its first empty line. */
    static byte[] join(byte[] prefix, byte[] head) {
        int end = end(head);
        byte[] section = new byte[prefix.length + end];
        System.arraycopy(prefix, 0, section, 0, prefix.length);
        System.arraycopy(head, 0, section, prefix.length, end);
        return section;
    }

    /**
     * The offset just past the empty line ending the header (CRLF CRLF; a bare LF is taken as a
     * line end too, as the parser does), or the length when there is none.
     */
    static int end(byte[] b) {
        if (b.length > 0 && b[0] == '\n') {
            return 1;
        }
        if (b.length > 1 && b[0] == '\r' && b[1] == '\n') {
            return 2;
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (i + 1 < b.length && b[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
                return i + 3;
            }
        }
        return b.length;
    }
}
