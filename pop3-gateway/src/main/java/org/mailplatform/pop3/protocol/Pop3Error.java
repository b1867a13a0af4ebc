package org.mailplatform.pop3.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A negative reply: the one way a command refuses. Thrown by commands and turned into
 * {@code -ERR [code] text} in one place; the text never carries client input or exception detail.
 */
public final class Pop3Error extends Exception {

    private final ResponseCode code;

    public Pop3Error(String text) {
        this(null, text);
    }

    public Pop3Error(ResponseCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public Optional<ResponseCode> code() {
        return Optional.ofNullable(code);
    }

    public String text() {
        return getMessage();
    }

    /** The reply line with its CRLF. */
    public byte[] toReply() {
        String line = code == null ? "-ERR " + text() : "-ERR [" + code.wire() + "] " + text();
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
