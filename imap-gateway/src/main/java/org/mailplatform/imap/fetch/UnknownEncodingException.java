package org.mailplatform.imap.fetch;

/** RFC 3516 4.3: BINARY of a part whose Content-Transfer-Encoding cannot be decoded: NO [UNKNOWN-CTE]. */
public final class UnknownEncodingException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownEncodingException() {
        super("Unknown Content-Transfer-Encoding", null, false, false);
    }
}
