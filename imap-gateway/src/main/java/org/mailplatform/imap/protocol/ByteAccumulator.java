package org.mailplatform.imap.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes collected for a line or a literal. Storage grows with what has actually arrived, never
 * with what was announced, so a client announcing a large literal and sending nothing costs nothing.
 */
final class ByteAccumulator {

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CAPACITY = 256;

    private byte[] bytes = EMPTY;
    private int size;

    int size() {
        return size;
    }

    byte byteAt(int index) {
        return bytes[index];
    }

    byte[] array() {
        return bytes;
    }

    /** Appends {@code length} bytes from {@code src}; {@code ceiling} caps growth at the expected total. */
    void append(ByteBuffer src, int length, long ceiling) {
        ensure(size + length, ceiling);
        src.get(bytes, size, length);
        size += length;
    }

    void append(byte b, long ceiling) {
        ensure(size + 1, ceiling);
        bytes[size++] = b;
    }

    private void ensure(int needed, long ceiling) {
        if (needed <= bytes.length) {
            return;
        }
        long doubled = Math.max((long) bytes.length * 2, FIRST_CAPACITY);
        int capacity = (int) Math.max(needed, Math.min(doubled, ceiling));
        bytes = Arrays.copyOf(bytes, capacity);
    }

    /** The content, handing over the array itself when it is exactly full, and empties this. */
    byte[] take() {
        byte[] result = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        bytes = EMPTY;
        size = 0;
        return result;
    }

    /** Empties this; a buffer grown for an unusually long line is let go. */
    void clear(int keepCapacity) {
        size = 0;
        if (bytes.length > keepCapacity) {
            bytes = EMPTY;
        }
    }
}
