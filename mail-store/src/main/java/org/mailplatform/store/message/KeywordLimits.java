package org.mailplatform.store.message;

/**
 * Bounds on keywords (RFC 9051 2.3.2). Every distinct keyword of a mailbox is listed in its FLAGS and
 * PERMANENTFLAGS responses, and each new one is announced to every session that has the mailbox
 * selected with the whole list again: without a bound, a client adding keywords one by one costs every
 * other client quadratic work.
 *
 * @param maxPerMailbox distinct keywords over all messages of one mailbox (as Cyrus's 128 user flags)
 * @param maxLength     characters in one keyword (as Dovecot's mail_max_keyword_length)
 */
public record KeywordLimits(int maxPerMailbox, int maxLength) {

    public KeywordLimits {
        if (maxPerMailbox < 1 || maxLength < 1) {
            throw new IllegalArgumentException("keyword limits must be positive: " + maxPerMailbox + ", " + maxLength);
        }
    }

    public static KeywordLimits defaults() {
        return new KeywordLimits(128, 50);
    }
}
