package org.mailplatform.message;

/**
 * One header field as found in the raw bytes: {@code start} is the first byte of its name,
 * {@code valueStart} the byte after the colon, {@code end} the byte after the LF of its last
 * (possibly folded) line.
 */
record HeaderField(String name, int start, int valueStart, int end) {

    /** The value, unfolded (RFC 5322 2.2.3) and trimmed, one char per octet. */
    String value(byte[] raw) {
        StringBuilder out = new StringBuilder(end - valueStart);
        for (int i = valueStart; i < end; i++) {
            char c = (char) (raw[i] & 0xff);
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }
}
