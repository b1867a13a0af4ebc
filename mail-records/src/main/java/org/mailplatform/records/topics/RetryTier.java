package org.mailplatform.records.topics;

import java.time.Duration;

/**
 * The delay topics of remote delivery. RFC 5321 4.5.4.1: the retry interval SHOULD be at least
 * 30 minutes after the first tries, and mail is kept for at least 4-5 days before giving up. The
 * first tiers are short because most temporary failures (greylisting, a busy server) clear fast;
 * from the sixth failure on, a message waits two hours between tries until it expires.
 * <p>
 * A record waits on its tier's topic until its envelope's {@code nextAttemptAt} (or its Kafka
 * timestamp plus {@link #delay()}); the consumer pauses the partition rather than sleeping on a
 * record, so one waiting message never blocks the others.
 */
public enum RetryTier {
    ONE_MINUTE("mail.retry.1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("mail.retry.5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("mail.retry.15m", Duration.ofMinutes(15)),
    THIRTY_MINUTES("mail.retry.30m", Duration.ofMinutes(30)),
    ONE_HOUR("mail.retry.1h", Duration.ofHours(1)),
    TWO_HOURS("mail.retry.2h", Duration.ofHours(2));

    private final String topic;
    private final Duration delay;

    RetryTier(String topic, Duration delay) {
        this.topic = topic;
        this.delay = delay;
    }

    public String topic() {
        return topic;
    }

    public Duration delay() {
        return delay;
    }

    /**
     * The tier for a message whose {@code failedAttempts}-th attempt just failed temporarily:
     * 1 -> 1m, 2 -> 5m, 3 -> 15m, 4 -> 30m, 5 -> 1h, 6 and later -> 2h.
     */
    public static RetryTier afterFailedAttempts(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts start at 1");
        }
        RetryTier[] tiers = values();
        return tiers[Math.min(failedAttempts, tiers.length) - 1];
    }

    /** The tier a retry topic belongs to. */
    public static RetryTier ofTopic(String topic) {
        for (RetryTier tier : values()) {
            if (tier.topic.equals(topic)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("not a retry topic: " + topic);
    }
}
