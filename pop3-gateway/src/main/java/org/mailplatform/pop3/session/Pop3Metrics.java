package org.mailplatform.pop3.session;

import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * POP3 counters ({@code /actuator/prometheus}): {@code mail_pop3_sessions_total},
 * {@code mail_pop3_logins_total{mechanism,result}}, {@code mail_pop3_retrieved_messages_total{command}},
 * {@code mail_pop3_retrieved_bytes_total{command}}, {@code mail_pop3_deleted_messages_total} and the
 * gauge {@code mail_pop3_maildrops_locked}.
 */
public final class Pop3Metrics {

    private final MeterRegistry registry;
    private final Counter sessions;
    private final Counter deleted;

    public Pop3Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.sessions = Counter.builder("mail.pop3.sessions").description("POP3 sessions opened").register(registry);
        this.deleted = Counter.builder("mail.pop3.deleted.messages")
                .description("Messages removed at QUIT").register(registry);
    }

    /** Publishes how many maildrops this replica holds. */
    public void lockedMaildrops(IntSupplier held) {
        Gauge.builder("mail.pop3.maildrops.locked", held::getAsInt)
                .description("Maildrops locked by sessions on this replica").register(registry);
    }

    public void sessionOpened() {
        sessions.increment();
    }

    /**
     * @param mechanism {@code USER} or the SASL mechanism
     * @param result    {@code success}, {@code bad_credentials}, {@code in_use}, ...
     */
    public void login(String mechanism, String result) {
        Counter.builder("mail.pop3.logins").tag("mechanism", mechanism).tag("result", result)
                .description("POP3 login attempts").register(registry).increment();
    }

    /** @param command {@code RETR} or {@code TOP} */
    public void retrieved(String command, long bytes) {
        Counter.builder("mail.pop3.retrieved.messages").tag("command", command)
                .description("Messages sent to clients").register(registry).increment();
        Counter.builder("mail.pop3.retrieved.bytes").tag("command", command)
                .description("Message octets sent to clients").baseUnit("bytes").register(registry).increment(bytes);
    }

    public void deleted(int messages) {
        deleted.increment(messages);
    }
}
