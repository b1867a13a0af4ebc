package org.mailplatform.pop3.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the body of a multi-line response (RFC 1939 3): a line that begins with "." gets
 * another "." in front, and the response ends with a line holding only ".". Fed in chunks of any
 * size; a line may span chunks.
 *
 * <p>Messages are stored with CRLF line ends; should a stored message hold a bare LF anyway, the
 * byte after it also counts as a line start, so a client that splits lines at LF can never
 * mistake message text for the terminator.
 */
public final class DotStuffer {

    /** Where the encoded bytes go; each array is handed over and never touched again. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private final Sink sink;
    private boolean atLineStart = true;
    private boolean finished;

    public DotStuffer(Sink sink) {
        this.sink = sink;
    }

    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("multi-line response already terminated");
        }
        if (length == 0) {
            return;
        }
        int dots = 0;
        boolean start = atLineStart;
        for (int i = offset; i < offset + length; i++) {
            if (start && bytes[i] == '.') {
                dots++;
            }
            start = bytes[i] == '\n';
        }
        byte[] out = new byte[length + dots];
        int o = 0;
        start = atLineStart;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (start && b == '.') {
                out[o++] = '.';
            }
            out[o++] = b;
            start = b == '\n';
        }
        atLineStart = start;
        sink.write(out);
    }

    /** One line of text (LIST, UIDL, CAPA), its CRLF added. */
    public void line(String text) {
        write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Ends the last line if it is open (the terminator must stand on a line of its own), then sends ".CRLF". */
    public void finish() {
        if (finished) {
            return;
        }
        if (!atLineStart) {
            sink.write(CRLF.clone());
        }
        sink.write(TERMINATOR.clone());
        finished = true;
    }
}
