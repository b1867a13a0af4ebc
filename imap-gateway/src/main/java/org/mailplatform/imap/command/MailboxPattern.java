package org.mailplatform.imap.command;

import java.util.regex.Pattern;

import org.mailplatform.store.mailbox.MailboxName;

/**
 * A LIST/LSUB pattern (RFC 9051 6.3.9): {@code *} matches anything, {@code %} anything but the
 * hierarchy separator; the reference name is put in front. INBOX matches in any case (RFC 9051 5.1).
 */
final class MailboxPattern {

    private final Pattern regex;

    private MailboxPattern(Pattern regex) {
        this.regex = regex;
    }

    static MailboxPattern of(String reference, String pattern) {
        String combined = inboxFirst(reference + pattern);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < combined.length(); i++) {
            char c = combined.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '%') {
                re.append("[^").append(Pattern.quote(String.valueOf(MailboxName.SEPARATOR))).append("]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new MailboxPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    private static String inboxFirst(String pattern) {
        String inbox = MailboxName.INBOX;
        if (pattern.length() >= inbox.length() && pattern.regionMatches(true, 0, inbox, 0, inbox.length())
                && (pattern.length() == inbox.length() || pattern.charAt(inbox.length()) == MailboxName.SEPARATOR)) {
            return inbox + pattern.substring(inbox.length());
        }
        return pattern;
    }
}
