package org.mailplatform.message;

/** Octets {@code [start, end)} of the raw message. */
public record ByteRange(long start, long end) {

    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    public long length() {
        return end - start;
    }
}
