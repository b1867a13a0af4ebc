package org.mailplatform.smtp;

import java.util.Arrays;

/**
 * Collects message bytes for DATA or BDAT up to a hard size limit. Past the limit it keeps counting
 * (so the reply can come at the end of the data, RFC 1870 6.3) but stores nothing more.
 */
final class MessageBuffer {

    private final long limit;
    private byte[] bytes = new byte[8192];
    private int length;
    private long total;

    MessageBuffer(long limit) {
        this.limit = limit;
    }

    void append(byte[] b, int off, int len) {
        total += len;
        if (total > limit) {
            return;
        }
        ensure(length + len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    void append(byte[] b) {
        append(b, 0, b.length);
    }

    void crlf() {
        append(CRLF, 0, 2);
    }

    boolean overLimit() {
        return total > limit;
    }

    long total() {
        return total;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int needed) {
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.min((long) bytes.length * 2, limit + 2));
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
