package org.mailplatform.kernel.netty;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * The clock of a client that stopped reading. While a connection's output stays above the high-water
 * mark, the client must take at least {@code progressNeeded} bytes of it every {@code timeout}; otherwise
 * the connection is given up. A client reading slowly but steadily (a large message over a slow link)
 * keeps its connection; one that never reads is closed after {@code timeout}, however much it asked for.
 * Event loop only.
 */
final class OutputStallGuard {

    /** What the guard needs of its connection. */
    interface Connection {

        /** Output bytes written to the channel that the socket has not taken yet. */
        long pendingOutputBytes();

        /** The client took too little of the output for the timeout: close the connection. */
        void outputStalled(Duration timeout);
    }

    private final EventLoop loop;
    private final Duration timeout;
    private final long progressNeeded;
    private final Connection connection;
    private ScheduledFuture<?> timer;
    private long pendingAtStart;
    private boolean stopped;

    OutputStallGuard(EventLoop loop, Duration timeout, long progressNeeded, Connection connection) {
        this.loop = loop;
        this.timeout = timeout;
        this.progressNeeded = progressNeeded;
        this.connection = connection;
    }

    void writabilityChanged(boolean writable) {
        if (writable) {
            cancel();
        } else if (timer == null && !stopped) {
            arm();
        }
    }

    void stop() {
        stopped = true;
        cancel();
    }

    private void arm() {
        pendingAtStart = connection.pendingOutputBytes();
        timer = loop.schedule(this::check, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (stopped) {
            return;
        }
        long taken = pendingAtStart - connection.pendingOutputBytes();
        if (taken >= progressNeeded) {
            arm();
            return;
        }
        stopped = true;
        connection.outputStalled(timeout);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
