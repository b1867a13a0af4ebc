package org.mailplatform.mta.outbound.dane;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Whether the DNS servers asked pass DNSSEC along, so that validation can tell forged answers
 * from genuine ones: the DNSKEY RRset at each trust anchor's own name (the root's by default)
 * must validate as secure through them. Checked at start, then every check interval, and sooner
 * (the recheck interval) after a failed check or after an MX lookup came back bogus or failed.
 *
 * <p>Why: RFC 7672 2.1.1 makes a bogus answer a temporary failure, so that an attacker who forges
 * DNS answers cannot turn DANE off. But a name server that strips signatures or cannot serve
 * DNSSEC at all (many home routers, some cluster DNS setups, dnsmasq without DNSSEC) makes every
 * answer bogus, and every message to an MX host would wait forever. Like Postfix behind a resolver
 * that sets no AD bit, the MTA then treats MX lookups as insecure and delivers with opportunistic
 * TLS, as without DANE. While the check passes, a bogus answer for one domain still defers its mail.
 *
 * <p>The trade-off: an attacker on the path to these servers can strip the check's signatures as
 * well, and so switch DANE off for all domains; a check that times out does the same until the
 * next one passes. Where DANE must hold regardless, point {@code mailplatform.mta.relay.dns-servers}
 * at a resolver that passes DNSSEC along and set
 * {@code mailplatform.mta.outbound.dane.require-dnssec-resolver}: mail to MX hosts is then deferred
 * while the check fails.
 */
public final class DnssecResolverProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DnssecResolverProbe.class);

    private enum State { UNKNOWN, AVAILABLE, UNAVAILABLE }

    private final DnssecResolver dns;
    private final boolean requireDnssecResolver;
    private final Duration checkInterval;
    private final Duration recheckInterval;
    private final Object checking = new Object();
    private volatile State state = State.UNKNOWN;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> next;
    private long lastRecheckRequest;

    public DnssecResolverProbe(DnssecResolver dns, boolean requireDnssecResolver, Duration checkInterval,
                               Duration recheckInterval) {
        this.dns = dns;
        this.requireDnssecResolver = requireDnssecResolver;
        this.checkInterval = checkInterval;
        this.recheckInterval = recheckInterval;
        this.lastRecheckRequest = System.nanoTime() - recheckInterval.toNanos();
    }

    /** Whether DNSSEC validation works through the servers; checks first when nothing is known yet. */
    public boolean available() {
        if (state == State.UNKNOWN) {
            synchronized (checking) {
                if (state == State.UNKNOWN) {
                    checkLocked();
                }
            }
        }
        return state == State.AVAILABLE;
    }

    /** The last check's result, without checking: what the {@code mail.dane.available} gauge shows. */
    public boolean lastCheckPassed() {
        return state == State.AVAILABLE;
    }

    /** Checks the servers now. */
    public boolean check() {
        synchronized (checking) {
            return checkLocked();
        }
    }

    private boolean checkLocked() {
        String failure = null;
        for (Name anchor : dns.trustAnchorNames()) {
            DnssecAnswer keys = dns.query(anchor, Type.DNSKEY);
            if (!keys.secure()) {
                failure = "the DNSKEY records of the trust anchor " + anchor + " are " + keys.status().tag()
                        + (keys.reason() == null ? "" : " (" + keys.reason() + ")");
                break;
            }
        }
        if (failure != null && Thread.currentThread().isInterrupted()) {
            // Stopped while asking: the servers said nothing either way.
            return lastCheckPassed();
        }
        State before = state;
        state = failure == null ? State.AVAILABLE : State.UNAVAILABLE;
        if (state == before) {
            return failure == null;
        }
        if (failure == null) {
            log.info("DANE: DNSSEC answers from the DNS servers {} validate; DANE applies to MX deliveries", dns.servers());
        } else if (requireDnssecResolver) {
            log.warn("DANE: the DNS servers {} do not pass DNSSEC along: {}. Mail to MX hosts is deferred until they do "
                    + "(mailplatform.mta.outbound.dane.require-dnssec-resolver=true); checked again every {}",
                    dns.servers(), failure, text(recheckInterval));
        } else {
            log.warn("DANE: the DNS servers {} do not pass DNSSEC along: {}. Deliveries continue with opportunistic TLS "
                    + "as without DANE until they do; checked again every {}. Point mailplatform.mta.relay.dns-servers "
                    + "at a resolver that passes DNSSEC along for DANE", dns.servers(), failure, text(recheckInterval));
        }
        return failure == null;
    }

    private static String text(Duration interval) {
        return interval.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * An MX lookup came back bogus or failed: the servers may have stopped passing DNSSEC along.
     * Checks them soon, at most once per recheck interval.
     */
    public synchronized void lookupFailed() {
        long now = System.nanoTime();
        if (scheduler == null || state != State.AVAILABLE || now - lastRecheckRequest < recheckInterval.toNanos()) {
            return;
        }
        lastRecheckRequest = now;
        schedule(Duration.ZERO);
    }

    private void checkAndReschedule() {
        boolean passed;
        try {
            passed = check();
        } catch (RuntimeException e) {
            log.warn("DANE: checking the DNS servers for DNSSEC failed: {}", e.toString());
            passed = false;
        }
        synchronized (this) {
            if (scheduler != null) {
                schedule(passed ? checkInterval : recheckInterval);
            }
        }
    }

    private void schedule(Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        next = scheduler.schedule(this::checkAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dane-resolver-check").daemon().factory());
        schedule(Duration.ZERO);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            next = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
