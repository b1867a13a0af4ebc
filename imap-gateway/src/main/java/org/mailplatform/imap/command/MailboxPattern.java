package org.mailplatform.imap.command;

import java.util.Arrays;

import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.MailboxNames;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * A LIST/LSUB pattern (RFC 9051 6.3.9, RFC 3501 6.3.8): {@code *} matches anything, {@code %}
 * anything but the hierarchy separator; the reference name is put in front. INBOX matches in any
 * case (RFC 9051 5.1).
 *
 * <p>Matching simulates the pattern as a set of positions reached so far, one step per character
 * of the name, so it takes at most (name length × pattern length) steps whatever the pattern: no
 * backtracking, so no pattern of interleaved wildcards can make it run for minutes.
 *
 * <p>A pattern is decoded like a name (modified UTF-7 unless UTF-8 is on). One that does not decode
 * is not an error (RFC 3501 9: list-mailbox is any run of list-chars); it is matched against the
 * wire form of each name instead, which is where the client saw it.
 */
final class MailboxPattern {

    private static final char ANY = '*';
    private static final char ANY_BUT_SEPARATOR = '%';

    private final String pattern;
    private final boolean hasWildcards;
    /** Match names in their wire form: the pattern did not decode. */
    private final boolean wireForm;
    private final boolean utf8;

    private MailboxPattern(String pattern, boolean wireForm, boolean utf8) {
        this.pattern = pattern;
        this.hasWildcards = pattern.indexOf(ANY) >= 0 || pattern.indexOf(ANY_BUT_SEPARATOR) >= 0;
        this.wireForm = wireForm;
        this.utf8 = utf8;
    }

    /** A pattern over stored (decoded) names: the reference name, then the mailbox argument. */
    static MailboxPattern of(String reference, String pattern) {
        return new MailboxPattern(collapseWildcards(inboxFirst(reference + pattern)), false, false);
    }

    /** The reference and mailbox arguments as the client sent them (RFC 9051 6.3.9). */
    static MailboxPattern fromWire(String reference, String pattern, boolean utf8) {
        try {
            return of(MailboxNames.decode(reference, utf8), MailboxNames.decode(pattern, utf8));
        } catch (ImapSyntaxException notAName) {
            return new MailboxPattern(collapseWildcards(inboxFirst(reference + pattern)), true, utf8);
        }
    }

    boolean matches(String storedName) {
        String name = wireForm ? MailboxNames.encode(storedName, utf8) : storedName;
        if (!hasWildcards) {
            return pattern.equals(name);
        }
        int m = pattern.length();
        int inboxEnd = inboxPrefixLength(name);
        // reached[j]: the name read so far can be matched by the first j pattern characters.
        boolean[] reached = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        reached[0] = true;
        closeOverWildcards(reached);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean any = false;
            Arrays.fill(next, false);
            for (int j = 0; j < m; j++) {
                if (!reached[j]) {
                    continue;
                }
                char p = pattern.charAt(j);
                if (p == ANY || (p == ANY_BUT_SEPARATOR && c != MailboxName.SEPARATOR)) {
                    next[j] = true;
                    any = true;
                } else if (p == c || (i < inboxEnd && Character.toUpperCase(p) == c)) {
                    next[j + 1] = true;
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
            closeOverWildcards(next);
            boolean[] swap = reached;
            reached = next;
            next = swap;
        }
        return reached[m];
    }

    /** RFC 9051 5.1: the INBOX level of a name matches its pattern characters in any case. */
    private static int inboxPrefixLength(String name) {
        String inbox = MailboxName.INBOX;
        return name.startsWith(inbox)
                && (name.length() == inbox.length() || name.charAt(inbox.length()) == MailboxName.SEPARATOR)
                ? inbox.length() : 0;
    }

    /** A wildcard may match nothing: reaching it also reaches the position after it. */
    private void closeOverWildcards(boolean[] reached) {
        for (int j = 0; j < pattern.length(); j++) {
            char p = pattern.charAt(j);
            if (reached[j] && (p == ANY || p == ANY_BUT_SEPARATOR)) {
                reached[j + 1] = true;
            }
        }
    }

    /**
     * Runs of wildcards match the same as one: a run with {@code *} as {@code *}, a run of
     * {@code %} as {@code %}. Collapsing keeps the pattern (and the matching work) short.
     */
    private static String collapseWildcards(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != ANY && c != ANY_BUT_SEPARATOR) {
                out.append(c);
                i++;
                continue;
            }
            boolean star = false;
            while (i < pattern.length() && (pattern.charAt(i) == ANY || pattern.charAt(i) == ANY_BUT_SEPARATOR)) {
                star |= pattern.charAt(i) == ANY;
                i++;
            }
            out.append(star ? ANY : ANY_BUT_SEPARATOR);
        }
        return out.toString();
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
