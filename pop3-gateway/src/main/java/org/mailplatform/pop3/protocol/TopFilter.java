package org.mailplatform.pop3.protocol;

/**
 * RFC 1939 7 TOP: lets through the header, the blank line that ends it and then at most
 * {@code bodyLines} lines of the body. Fed the message in chunks; says how much of each chunk
 * belongs to the answer. A message without a blank line is all header and is sent whole.
 */
public final class TopFilter {

    private final long bodyLines;
    private boolean inBody;
    private long bodyLinesSeen;
    private boolean lineBlank = true;
    private boolean done;

    public TopFilter(long bodyLines) {
        if (bodyLines < 0) {
            throw new IllegalArgumentException("negative line count");
        }
        this.bodyLines = bodyLines;
    }

    /** How many bytes from {@code offset} belong to the answer; once fewer than {@code length}, {@link #done()}. */
    public int accept(byte[] bytes, int offset, int length) {
        if (done) {
            return 0;
        }
        for (int i = 0; i < length; i++) {
            byte b = bytes[offset + i];
            if (b == '\n') {
                if (!inBody) {
                    if (lineBlank) {
                        inBody = true;
                        if (bodyLines == 0) {
                            done = true;
                            return i + 1;
                        }
                    }
                } else if (++bodyLinesSeen >= bodyLines) {
                    done = true;
                    return i + 1;
                }
                lineBlank = true;
            } else if (b != '\r') {
                lineBlank = false;
            }
        }
        return length;
    }

    /** True once the last wanted byte has been accepted: the rest of the message need not be read. */
    public boolean done() {
        return done;
    }
}
