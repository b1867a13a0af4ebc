package org.mailplatform.kernel.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap set aside for messages that sessions hold in memory while they receive them (SMTP DATA and
 * BDAT). Each session reserves what its buffer grows by, or the size the client declared
 * (RFC 1870) before the data comes, and gives it back once the message is handed off or dropped; a
 * reservation that does not fit is refused, and the session refuses that message for now (SMTP 452
 * 4.3.1, RFC 5321 4.2.3 and RFC 3463 3.4) instead of the process running out of memory. Without this
 * bound a handful of clients sending messages of the maximum size at once fill any heap.
 *
 * <p>While a message is handed off it is held about four times over (the message, the copy with the
 * Received field in front, the encoded record, the Kafka producer's batch), so the budget, which
 * counts it once, is an eighth of the maximum heap by default. One budget per process
 * ({@link #shared()}): the services of the in-process local stack share one heap, so they share one
 * budget too.
 */
public final class MessageMemory {

    private static final MessageMemory SHARED = new MessageMemory(Runtime.getRuntime().maxMemory() / 8);

    private final AtomicLong used = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile long limit;

    public MessageMemory(long limit) {
        limit(limit);
    }

    /** The process's budget. */
    public static MessageMemory shared() {
        return SHARED;
    }

    /** Reserves {@code bytes} if they fit; false (and nothing reserved) if they do not. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation: " + bytes);
        }
        while (true) {
            long now = used.get();
            if (now + bytes > limit) {
                refusals.incrementAndGet();
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * Reserves a message's declared size before its data arrives, if that leaves a quarter of the
     * budget free. A client can declare the maximum and then send slowly for as long as the
     * protocol's deadlines allow; the quarter kept back means such clients can hold up other large
     * messages, never the ordinary small ones.
     */
    public boolean tryReserveAhead(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation: " + bytes);
        }
        while (true) {
            long now = used.get();
            if (now + bytes > limit - limit / 4) {
                refusals.incrementAndGet();
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative release: " + bytes);
        }
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    /** Reservations refused since the start. */
    public long refusals() {
        return refusals.get();
    }

    public void limit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the message memory budget must be positive: " + bytes);
        }
        this.limit = bytes;
    }
}
