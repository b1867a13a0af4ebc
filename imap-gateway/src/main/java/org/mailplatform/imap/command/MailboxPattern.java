package org.mailplatform.imap.command;

import java.util.HashMap;
import java.util.Map;

import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.MailboxNames;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * A LIST/LSUB pattern (RFC 9051 6.3.9, RFC 3501 6.3.8): {@code *} matches anything, {@code %}
 * anything but the hierarchy separator; the reference name is put in front. INBOX matches in any
 * case (RFC 9051 5.1).
 *
 * <p>Matching simulates the pattern as the set of positions reached so far, one step per character
 * of the name: at most (name length × pattern length / 64) word operations whatever the pattern,
 * as the set is kept as bits. No backtracking, so no pattern of interleaved wildcards can make it
 * run for minutes. Runs of wildcards are collapsed first, so no wildcard follows another.
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
    /** Bit j: pattern position j holds {@code *} / {@code %}. */
    private final long[] anyAt;
    private final long[] anyButSeparatorAt;
    /** Bit j of the value for c: pattern position j holds the literal c (ASCII by index, the rest by map). */
    private final long[][] asciiLiteralAt = new long[128][];
    private final Map<Character, long[]> otherLiteralAt = new HashMap<>();

    private MailboxPattern(String pattern, boolean wireForm, boolean utf8) {
        this.pattern = pattern;
        this.hasWildcards = pattern.indexOf(ANY) >= 0 || pattern.indexOf(ANY_BUT_SEPARATOR) >= 0;
        this.wireForm = wireForm;
        this.utf8 = utf8;
        int words = pattern.length() / 64 + 1;
        anyAt = new long[words];
        anyButSeparatorAt = new long[words];
        for (int j = 0; j < pattern.length(); j++) {
            char p = pattern.charAt(j);
            long[] mask;
            if (p == ANY) {
                mask = anyAt;
            } else if (p == ANY_BUT_SEPARATOR) {
                mask = anyButSeparatorAt;
            } else if (p < 128) {
                mask = asciiLiteralAt[p] == null ? (asciiLiteralAt[p] = new long[words]) : asciiLiteralAt[p];
            } else {
                mask = otherLiteralAt.computeIfAbsent(p, k -> new long[words]);
            }
            mask[j >>> 6] |= 1L << j;
        }
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
        int inboxEnd = inboxPrefixLength(name);
        int words = anyAt.length;
        // Bit j of reached: the name read so far is matched by the first j pattern characters.
        long[] reached = new long[words];
        long[] next = new long[words];
        reached[0] = 1L;
        closeOverWildcards(reached);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            long[] literal = literalAt(c);
            // RFC 9051 5.1: INBOX's letters match pattern letters of either case.
            long[] lower = i < inboxEnd ? literalAt(Character.toLowerCase(c)) : null;
            boolean separator = c == MailboxName.SEPARATOR;
            long carry = 0;
            long any = 0;
            for (int w = 0; w < words; w++) {
                long advancing = reached[w] & ((literal == null ? 0 : literal[w]) | (lower == null ? 0 : lower[w]));
                long staying = reached[w] & (anyAt[w] | (separator ? 0 : anyButSeparatorAt[w]));
                next[w] = staying | (advancing << 1) | carry;
                carry = advancing >>> 63;
                any |= next[w];
            }
            if (any == 0) {
                return false;
            }
            closeOverWildcards(next);
            long[] swap = reached;
            reached = next;
            next = swap;
        }
        int m = pattern.length();
        return (reached[m >>> 6] & (1L << m)) != 0;
    }

    private long[] literalAt(char c) {
        return c < 128 ? asciiLiteralAt[c] : otherLiteralAt.get(c);
    }

    /** RFC 9051 5.1: the INBOX level of a name matches its pattern characters in any case. */
    private static int inboxPrefixLength(String name) {
        String inbox = MailboxName.INBOX;
        return name.startsWith(inbox)
                && (name.length() == inbox.length() || name.charAt(inbox.length()) == MailboxName.SEPARATOR)
                ? inbox.length() : 0;
    }

    /**
     * A wildcard may match nothing: reaching it also reaches the position after it. One step is
     * enough, as no wildcard follows another once runs are collapsed.
     */
    private void closeOverWildcards(long[] reached) {
        long carry = 0;
        for (int w = 0; w < reached.length; w++) {
            long onWildcard = reached[w] & (anyAt[w] | anyButSeparatorAt[w]);
            reached[w] |= (onWildcard << 1) | carry;
            carry = onWildcard >>> 63;
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
