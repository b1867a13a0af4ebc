package org.mailplatform.imap.metrics;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's meters: {@code imap.sessions.active}, {@code imap.sessions} (opened),
 * {@code imap.idle.active}, {@code imap.commands{command,result}} and
 * {@code imap.command.duration{command}}, {@code imap.logins.refused{reason}} (logins over a limit). Command names outside the known set are counted as
 * {@code OTHER}, so a client cannot grow the number of series.
 */
public final class ImapMetrics {

    private final MeterRegistry registry;
    private final Set<String> knownCommands;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Object> idling = ConcurrentHashMap.newKeySet();
    private final Counter opened;

    public ImapMetrics(MeterRegistry registry, Set<String> knownCommands) {
        this.registry = registry;
        this.knownCommands = Set.copyOf(knownCommands);
        registry.gauge("imap.sessions.active", active);
        registry.gauge("imap.idle.active", idling, Set::size);
        this.opened = Counter.builder("imap.sessions").description("IMAP sessions opened").register(registry);
    }

    public void sessionOpened() {
        active.incrementAndGet();
        opened.increment();
    }

    public void sessionClosed() {
        active.decrementAndGet();
    }

    public void idleStarted(Object session) {
        idling.add(session);
    }

    public void idleEnded(Object session) {
        idling.remove(session);
    }

    public int activeIdle() {
        return idling.size();
    }

    public void loginRefused(String reason) {
        registry.counter("imap.logins.refused", "reason", reason).increment();
    }

    public void command(String name, String result, Duration took) {
        String command = knownCommands.contains(name) ? name : "OTHER";
        registry.counter("imap.commands", "command", command, "result", result).increment();
        Timer.builder("imap.command.duration").tag("command", command).register(registry).record(took);
    }
}
