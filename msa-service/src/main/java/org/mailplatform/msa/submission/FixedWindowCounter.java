package org.mailplatform.msa.submission;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events per key in fixed windows of one length (a minute, an hour), in memory on each replica: a
 * replica sees its share of a user's connections, so the effective platform-wide limit is at most
 * replicas × limit. Ended windows are dropped when many keys are tracked, which bounds the memory.
 */
final class FixedWindowCounter {

    private static final int PRUNE_ABOVE = 100_000;

    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    FixedWindowCounter(Duration window, Clock clock) {
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts one event for {@code key}; false when that makes more than {@code limit} in the current window. */
    boolean tryCount(String key, int limit) {
        long window = clock.millis() / windowMillis;
        if (windows.size() > PRUNE_ABOVE) {
            windows.entrySet().removeIf(e -> e.getValue().window < window);
        }
        Window w = windows.compute(key, (k, old) -> old == null || old.window != window
                ? new Window(window, 1) : new Window(window, old.count + 1));
        return w.count <= limit;
    }

    private record Window(long window, int count) {
    }
}
