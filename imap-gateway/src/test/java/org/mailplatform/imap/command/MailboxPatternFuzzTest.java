package org.mailplatform.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * LIST pattern matching against a plain backtracking-free reference (RFC 9051 6.3.9: {@code *} matches
 * anything, {@code %} anything but the separator; INBOX in any case, RFC 9051 5.1) on small inputs, and
 * bounded work on large ones.
 */
class MailboxPatternFuzzTest {

    private static final String ALPHABET = "ab/*%INBOXinbox.é";

    @FuzzTest(maxDuration = "10s")
    void matchesLikeTheReference(FuzzedDataProvider data) {
        String reference = small(data, 4);
        String pattern = small(data, 12);
        String name = small(data, 16).replace("*", "").replace("%", "");
        assertThat(MailboxPattern.of(reference, pattern).matches(name))
                .as("pattern %s%s against %s", reference, pattern, name)
                .isEqualTo(referenceMatch(inboxFirst(reference + pattern), name));
        // The wire form goes through the same matcher after decoding.
        MailboxPattern.fromWire(reference, pattern, data.consumeBoolean()).matches(name);
    }

    /** Any pattern against any name takes time proportional to their lengths, never exponential. */
    @FuzzTest(maxDuration = "10s")
    void largeInputsFinishFast(FuzzedDataProvider data) {
        String pattern = data.consumeString(2000);
        String name = data.consumeRemainingAsString();
        long start = System.nanoTime();
        MailboxPattern.fromWire("", pattern, true).matches(name);
        MailboxPattern.fromWire("", pattern, false).matches(name);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    private static String small(FuzzedDataProvider data, int max) {
        int length = data.consumeInt(0, max);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(data.consumeInt(0, ALPHABET.length() - 1)));
        }
        return out.toString();
    }

    /** Dynamic programming over (pattern position, name position). */
    private static boolean referenceMatch(String pattern, String name) {
        int inboxEnd = name.equals(MailboxName.INBOX) || name.startsWith(MailboxName.INBOX + MailboxName.SEPARATOR)
                ? MailboxName.INBOX.length() : 0;
        int m = pattern.length();
        int n = name.length();
        boolean[][] match = new boolean[m + 1][n + 1];
        match[m][n] = true;
        for (int p = m - 1; p >= 0; p--) {
            char pc = pattern.charAt(p);
            for (int i = n; i >= 0; i--) {
                if (pc == '*') {
                    match[p][i] = match[p + 1][i] || i < n && match[p][i + 1];
                } else if (pc == '%') {
                    match[p][i] = match[p + 1][i] || i < n && name.charAt(i) != MailboxName.SEPARATOR && match[p][i + 1];
                } else if (i < n) {
                    char c = name.charAt(i);
                    boolean same = pc == c || i < inboxEnd && Character.toLowerCase(c) == pc;
                    match[p][i] = same && match[p + 1][i + 1];
                }
            }
        }
        return match[0][0];
    }

    private static String inboxFirst(String pattern) {
        String inbox = MailboxName.INBOX;
        if (pattern.regionMatches(true, 0, inbox, 0, inbox.length())
                && (pattern.length() == inbox.length() || pattern.charAt(inbox.length()) == MailboxName.SEPARATOR)) {
            return inbox + pattern.substring(inbox.length());
        }
        return pattern;
    }
}
