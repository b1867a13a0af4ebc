package org.mailplatform.store.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mailbox names as stored: UTF-8 text (the IMAP gateway converts modified UTF-7, RFC 3501 5.1.3),
 * hierarchy levels separated by {@value #SEPARATOR}, INBOX spelled in capitals.
 */
public final class MailboxName {

    public static final char SEPARATOR = '/';
    public static final String INBOX = "INBOX";
    public static final int MAX_LENGTH = 1024;

    private MailboxName() {
    }

    /**
     * The stored spelling of a name, or {@link IllegalArgumentException} when it cannot be one.
     * RFC 9051 5.1: INBOX is case-insensitive (so is its use as the first level of a child's name);
     * RFC 9051 6.3.4: a trailing hierarchy separator is ignored.
     */
    public static String normalize(String name) {
        if (name == null) {
            throw new IllegalArgumentException("mailbox name missing");
        }
        String n = name;
        if (n.length() > 1 && n.charAt(n.length() - 1) == SEPARATOR) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("mailbox name empty or too long");
        }
        String[] levels = n.split(String.valueOf(SEPARATOR), -1);
        for (String level : levels) {
            if (level.isEmpty()) {
                throw new IllegalArgumentException("mailbox name has an empty level: " + name);
            }
            for (int i = 0; i < level.length(); i++) {
                char c = level.charAt(i);
                // RFC 9051 5.1: '%' and '*' are LIST wildcards and cannot be matched literally.
                if (c < ' ' || c == 0x7f || c == '%' || c == '*') {
                    throw new IllegalArgumentException("mailbox name has a character not allowed: " + name);
                }
            }
        }
        if (levels[0].toUpperCase(Locale.ROOT).equals(INBOX) && !levels[0].equals(INBOX)) {
            n = INBOX + n.substring(INBOX.length());
        }
        return n;
    }

    public static boolean isInbox(String normalized) {
        return INBOX.equals(normalized);
    }

    /** The names above this one, outermost first: {@code a/b/c} gives {@code a}, {@code a/b}. */
    public static List<String> ancestors(String normalized) {
        List<String> result = new ArrayList<>();
        for (int i = normalized.indexOf(SEPARATOR); i >= 0; i = normalized.indexOf(SEPARATOR, i + 1)) {
            result.add(normalized.substring(0, i));
        }
        return result;
    }

    /** Whether {@code candidate} lies anywhere below {@code parent}. */
    public static boolean isInferior(String candidate, String parent) {
        return candidate.length() > parent.length() + 1
                && candidate.startsWith(parent)
                && candidate.charAt(parent.length()) == SEPARATOR;
    }
}
