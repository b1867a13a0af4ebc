package org.mailplatform.mta.milter;

import java.time.Duration;

/** Told of each milter's verdict, for metrics. */
@FunctionalInterface
public interface MilterObserver {

    MilterObserver NONE = (milter, action, elapsed) -> {
    };

    /**
     * @param action the verdict's {@link MilterVerdict#action()}, or {@code failed} when the milter
     *               could not be used and its default action applied
     */
    void verdict(String milter, String action, Duration elapsed);
}
