package org.mailplatform.kernel.netty;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.netty.channel.EventLoop;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.LimitExceeded;

/**
 * The clocks of one connection that a client cannot reset by sending a byte now and then, as it resets
 * the idle timer: the deadline (the login timeout, or one the session set), the time a line may take
 * from its first byte, and the minimum rate of a payload. Timers run on the connection's event loop; the
 * session thread reports what the framer is doing after each piece of input.
 *
 * <p>Time the server is behind never counts against the client: while input waits for the session or
 * reading is paused for back-pressure, the line and payload clocks do not fire.
 */
final class SlowClientGuard {

    /** What the guard needs of its connection. */
    interface Connection {

        /** True while input waits for the session or reading is paused: the server is behind, not the client. */
        boolean serverBehind();

        /** Ends the connection for {@code limit}, provided {@code stillApplies} holds on the session thread. */
        void exceeded(LimitExceeded limit, BooleanSupplier stillApplies);
    }

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop;
    private final KernelSettings settings;
    private final Connection connection;
    private final AtomicLong deadlineGeneration = new AtomicLong();
    private volatile long partialLine = -1;
    private volatile long partialLineSince;
    // One line timer at most, however many lines arrive in pieces: a client must not fill the timer queue.
    private final AtomicBoolean lineTimerPending = new AtomicBoolean();
    private volatile boolean payloadActive;
    private volatile boolean stopped;

    // Event loop only.
    private ScheduledFuture<?> deadlineTimer;
    private long received;
    private boolean pausedInWindow;
    private boolean payloadWatched;
    private long windowStart;
    private long windowStartNanos;

    SlowClientGuard(EventLoop loop, KernelSettings settings, Connection connection) {
        this.loop = loop;
        this.settings = settings;
        this.connection = connection;
    }

    // ---- deadline (any thread) ----

    void setDeadline(Duration fromNow) {
        long generation = deadlineGeneration.incrementAndGet();
        loop.execute(() -> {
            cancelDeadlineTimer();
            if (generation == deadlineGeneration.get() && !stopped) {
                deadlineTimer = loop.schedule(() -> connection.exceeded(LimitExceeded.DEADLINE,
                        () -> generation == deadlineGeneration.get()), fromNow.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    void clearDeadline() {
        long generation = deadlineGeneration.incrementAndGet();
        loop.execute(() -> {
            if (generation == deadlineGeneration.get()) {
                cancelDeadlineTimer();
            }
        });
    }

    /** The connection is closed: no clock fires any more. */
    void stop() {
        stopped = true;
        deadlineGeneration.incrementAndGet();
        loop.execute(this::cancelDeadlineTimer);
    }

    // ---- input (event loop) ----

    void received(int bytes) {
        received += bytes;
    }

    void readingPaused() {
        pausedInWindow = true;
    }

    // ---- framing state (session thread) ----

    /**
     * After each piece of input and each framing change.
     *
     * @param line    the number of the line partly received (the framer's count of lines so far), or -1 when none is
     * @param payload whether a payload is being read
     */
    void inputState(long line, boolean payload) {
        if (line != partialLine) {
            partialLineSince = System.nanoTime();
            partialLine = line;
            if (line >= 0) {
                armLineTimer(settings.lineTimeout().toNanos());
            }
        }
        if (payload != payloadActive) {
            payloadActive = payload;
            if (payload && settings.minPayloadRate() > 0) {
                loop.execute(this::watchPayload);
            }
        }
    }

    // ---- event loop ----

    private void armLineTimer(long delayNanos) {
        if (!stopped && lineTimerPending.compareAndSet(false, true)) {
            loop.schedule(this::checkLine, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkLine() {
        lineTimerPending.set(false);
        long line = partialLine;
        if (stopped || line < 0) {
            return;
        }
        long due = partialLineSince + settings.lineTimeout().toNanos();
        long now = System.nanoTime();
        if (now - due < 0) {
            // A later line than the one the timer was set for: its own time is not up yet.
            armLineTimer(due - now);
            return;
        }
        if (connection.serverBehind()) {
            armLineTimer(RECHECK_NANOS);
            return;
        }
        connection.exceeded(LimitExceeded.LINE_TOO_SLOW, () -> partialLine == line);
    }

    /**
     * At the start of each payload. The window starts again with it: the time between two payloads (the
     * commands, and the replies the client waits for, such as a 250 that waits for the broker) is no
     * payload, and counting it would close a fast client that sends many messages over one connection
     * to a slow server.
     */
    private void watchPayload() {
        if (stopped) {
            return;
        }
        restartWindow();
        if (!payloadWatched) {
            payloadWatched = true;
            loop.schedule(this::checkPayload, settings.payloadRateWindow().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void restartWindow() {
        windowStart = received;
        windowStartNanos = System.nanoTime();
        pausedInWindow = false;
    }

    private void checkPayload() {
        if (stopped || !payloadActive) {
            payloadWatched = false;
            return;
        }
        long window = settings.payloadRateWindow().toNanos();
        long elapsed = System.nanoTime() - windowStartNanos;
        if (elapsed < window) {
            // A new payload restarted the window since this check was set.
            loop.schedule(this::checkPayload, window - elapsed, TimeUnit.NANOSECONDS);
            return;
        }
        boolean tooSlow = received - windowStart < settings.minPayloadRate() * (elapsed / 1e9);
        if (tooSlow && !pausedInWindow && !connection.serverBehind()) {
            payloadWatched = false;
            connection.exceeded(LimitExceeded.PAYLOAD_TOO_SLOW, () -> payloadActive);
            return;
        }
        restartWindow();
        loop.schedule(this::checkPayload, window, TimeUnit.NANOSECONDS);
    }

    private void cancelDeadlineTimer() {
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
            deadlineTimer = null;
        }
    }
}
