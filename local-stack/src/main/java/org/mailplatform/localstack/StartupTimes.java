package org.mailplatform.localstack;

import java.time.Duration;
import java.util.Locale;

/** How long each step of the start took, for the banner: the stack is meant to be up within a minute. */
public record StartupTimes(Duration infrastructure, Duration migrations, Duration services, Duration total) {

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
