package org.mailplatform.smtp;

import java.util.Arrays;

import org.mailplatform.kernel.support.MessageMemory;

/**
 * Collects message bytes for DATA or BDAT up to a hard size limit. Past the limit it keeps counting
 * (so the reply can come at the end of the data, RFC 1870 6.3) but stores nothing more. Its array
 * is reserved in the process's {@link MessageMemory}; when the budget cannot grow it, the buffer
 * likewise only counts, and the message is refused for now at its end. {@link #release()} gives the
 * reservation back and must follow every buffer's use.
 */
final class MessageBuffer {

    private static final int INITIAL = 8192;
    private static final byte[] NONE = new byte[0];

    private final long limit;
    private final MessageMemory memory;
    private byte[] bytes = NONE;
    private long reserved;
    private int length;
    private long total;
    private boolean memoryExhausted;

    MessageBuffer(long limit, MessageMemory memory) {
        this(limit, memory, 0);
    }

    /**
     * @param prepaid memory already reserved for this message (the size the client declared, RFC 1870),
     *                now owned by this buffer: its first array takes that size at once
     */
    MessageBuffer(long limit, MessageMemory memory, long prepaid) {
        this.limit = limit;
        this.memory = memory;
        this.reserved = prepaid;
    }

    void append(byte[] b, int off, int len) {
        total += len;
        if (total > limit || memoryExhausted) {
            return;
        }
        if (!ensure(length + len)) {
            memoryExhausted = true;
            return;
        }
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

    /** The process's message memory could not hold this message: refuse it for now (452 4.3.1). */
    boolean memoryExhausted() {
        return memoryExhausted;
    }

    long total() {
        return total;
    }

    /**
     * The message, for its hand-off; the buffer lets go of its array (the reservation stays until
     * {@link #release()}), so that while the hand-off copies the message on, this array is not one
     * more copy kept alive.
     */
    byte[] take() {
        byte[] message = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        bytes = NONE;
        length = 0;
        return message;
    }

    /** Gives the memory back; the buffer is empty afterwards. Idempotent. */
    void release() {
        memory.release(reserved);
        reserved = 0;
        bytes = NONE;
        length = 0;
    }

    private boolean ensure(int needed) {
        if (needed <= bytes.length) {
            return true;
        }
        long grown = Math.max(needed, Math.max(INITIAL, Math.min((long) bytes.length * 2, limit + 2)));
        if (bytes.length == 0 && reserved > grown) {
            grown = Math.min(reserved, limit + 2);
        }
        int capacity = (int) Math.min(grown, Integer.MAX_VALUE - 16);
        long more = capacity - reserved;
        if (more > 0) {
            if (!memory.tryReserve(more)) {
                return false;
            }
            reserved += more;
        }
        bytes = Arrays.copyOf(bytes, capacity);
        return true;
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
