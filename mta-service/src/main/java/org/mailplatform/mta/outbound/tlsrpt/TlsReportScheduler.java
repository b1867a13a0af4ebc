package org.mailplatform.mta.outbound.tlsrpt;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Looks for finished days to report every {@code check-interval}; a day's report goes out once its UTC day is over. */
public final class TlsReportScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TlsReportScheduler.class);

    private final TlsReportSender sender;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public TlsReportScheduler(TlsReportSender sender, Duration interval) {
        this.sender = sender;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tls-reports").factory());
        executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            sender.sendFinishedDays();
        } catch (RuntimeException e) {
            log.warn("sending TLS reports failed; next try in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
