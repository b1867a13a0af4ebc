package org.mailplatform.records;

/**
 * The accepting server's request that the message be filed into each local recipient's junk
 * mailbox (the one with the RFC 6154 {@code \Junk} attribute) instead of INBOX: the message was
 * accepted, but a content filter or a policy (a spam verdict, a milter quarantine, a DMARC
 * {@code p=quarantine}) judged it suspicious.
 *
 * @param reason why, for logs and for the user: e.g. {@code "rspamd: add header (score 9.2)"};
 *               at most {@value #MAX_REASON_LENGTH} characters, no control characters
 */
public record JunkFiling(String reason) {

    public static final int MAX_REASON_LENGTH = 256;

    public JunkFiling {
        Checks.text(reason, "junk reason", MAX_REASON_LENGTH);
    }

    public static JunkFiling because(String reason) {
        return new JunkFiling(reason);
    }
}
