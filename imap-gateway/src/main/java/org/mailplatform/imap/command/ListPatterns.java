package org.mailplatform.imap.command;

import java.util.List;

import org.mailplatform.imap.protocol.CommandLimits;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;

/**
 * The patterns of one LIST or LSUB, each joined to the reference name: a name is matched when any
 * pattern matches it (RFC 5258 3).
 */
final class ListPatterns {

    private final List<MailboxPattern> patterns;

    private ListPatterns(List<MailboxPattern> patterns) {
        this.patterns = patterns;
    }

    /** The reference and patterns as sent, decoded as the session's names are. */
    static ListPatterns of(ImapSession session, String reference, List<String> patterns) {
        return new ListPatterns(patterns.stream()
                .map(p -> MailboxPattern.fromWire(reference, p, session.utf8Enabled()))
                .toList());
    }

    /**
     * Matching costs (name length × pattern length) per name and pattern, so patterns are bounded
     * in number and length ({@link CommandLimits}).
     */
    static void checkLength(String reference, List<String> patterns) throws ImapSyntaxException {
        if (patterns.size() > CommandLimits.MAX_LIST_PATTERNS) {
            throw CommandLimits.exceeded("Too many mailbox patterns");
        }
        if (reference.length() > CommandLimits.MAX_PATTERN_LENGTH
                || patterns.stream().anyMatch(p -> p.length() > CommandLimits.MAX_PATTERN_LENGTH)) {
            throw CommandLimits.exceeded("Mailbox pattern too long");
        }
    }

    boolean matches(String name) {
        for (MailboxPattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
