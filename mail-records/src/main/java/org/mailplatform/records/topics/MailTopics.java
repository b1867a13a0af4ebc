package org.mailplatform.records.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

import org.mailplatform.records.MailSizeLimits;

/**
 * The platform's topics: the names every service uses, and the catalogue they are created from.
 * An instance is an immutable catalogue; {@link #defaults()} is the shipped one and
 * {@link #map(UnaryOperator)} derives deployment-specific ones (partitions, replication).
 */
public final class MailTopics {

    /** MSA -> MTA: submitted mail for relay and local delivery. Key: queue id. */
    public static final String OUTBOUND = "mail.outbound";
    /** MTA -> MDA: mail for local mailboxes, including DSNs to local senders. Key: queue id. */
    public static final String DELIVERY = "mail.delivery";
    /** MDA and gateways -> every IMAP replica: mailbox changes. Key: account. */
    public static final String MAILBOX_EVENTS = "mailbox.events";
    /** MDA -> MTA: per-recipient outcomes that become DSNs. Key: queue id. */
    public static final String DELIVERY_REPORTS = "mail.delivery.reports";
    /** Any consumer -> operators: records that cannot be read, kept byte for byte. Key: the original key. */
    public static final String DEAD_LETTER = "mail.deadletter";

    /**
     * Queued mail must outlive the longest retry window (RFC 5321 4.5.4.1: 4-5 days) plus a
     * weekend of a consumer being down, or it would be lost without a bounce.
     */
    static final Duration MAIL_RETENTION = Duration.ofDays(7);
    /** Events only wake sessions up; a replica that missed them resynchronises from the database. */
    static final Duration EVENT_RETENTION = Duration.ofDays(1);
    /** Dead letters wait for a person. */
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);
    /** Events carry UID lists, never messages. */
    static final int EVENT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final Map<String, TopicSpec> specs;

    private MailTopics(List<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("topic declared twice: " + spec.name());
            }
        }
        this.specs = byName;
    }

    /** The shipped catalogue for 25 MiB messages. */
    public static MailTopics defaults() {
        return defaults(MailSizeLimits.defaults());
    }

    /** The shipped catalogue, sized for {@code limits}. */
    public static MailTopics defaults(MailSizeLimits limits) {
        int mailBytes = limits.topicMaxMessageBytes();
        int rf = TopicSpec.BROKER_DEFAULT;
        int isr = TopicSpec.BROKER_DEFAULT;
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(OUTBOUND, 6, rf, MAIL_RETENTION, mailBytes, isr,
                "msa-service", "mta-service", "queue id"));
        specs.add(new TopicSpec(DELIVERY, 6, rf, MAIL_RETENTION, mailBytes, isr,
                "mta-service", "mda-service", "queue id"));
        specs.add(new TopicSpec(MAILBOX_EVENTS, 6, rf, EVENT_RETENTION, EVENT_MAX_MESSAGE_BYTES, isr,
                "mda-service, imap-gateway, pop3-gateway", "imap-gateway (every replica, own group each)",
                "account"));
        specs.add(new TopicSpec(DELIVERY_REPORTS, 3, rf, MAIL_RETENTION, mailBytes, isr,
                "mda-service", "mta-service", "queue id"));
        for (RetryTier tier : RetryTier.values()) {
            specs.add(new TopicSpec(tier.topic(), 3, rf, MAIL_RETENTION, mailBytes, isr,
                    "mta-service", "mta-service (after " + tier.delay() + ")", "queue id"));
        }
        specs.add(new TopicSpec(DEAD_LETTER, 1, rf, DEAD_LETTER_RETENTION, mailBytes, isr,
                "any consumer", "operators", "original key"));
        return new MailTopics(specs);
    }

    public static MailTopics of(List<TopicSpec> specs) {
        return new MailTopics(specs);
    }

    /** All topics, in declaration order. */
    public List<TopicSpec> all() {
        return List.copyOf(specs.values());
    }

    public TopicSpec get(String name) {
        TopicSpec spec = specs.get(name);
        if (spec == null) {
            throw new NoSuchElementException("no such topic in the catalogue: " + name);
        }
        return spec;
    }

    public boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** A catalogue with every spec replaced by what {@code change} makes of it. */
    public MailTopics map(UnaryOperator<TopicSpec> change) {
        return new MailTopics(specs.values().stream().map(change).toList());
    }

    /** A catalogue with the named spec replaced by what {@code change} makes of it. */
    public MailTopics map(String name, UnaryOperator<TopicSpec> change) {
        get(name);
        return map(spec -> spec.name().equals(name) ? change.apply(spec) : spec);
    }

    @Override
    public String toString() {
        return "MailTopics" + specs.keySet();
    }
}
