package org.mailplatform.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** LIST/LSUB pattern matching against RFC 3501 6.3.8 / RFC 9051 6.3.9. */
class MailboxPatternTest {

    @Test
    void starMatchesAcrossLevelsAndPercentWithinOne() {
        assertThat(MailboxPattern.of("", "*").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("", "%").matches("a")).isTrue();
        assertThat(MailboxPattern.of("", "%").matches("a/b")).isFalse();
        assertThat(MailboxPattern.of("", "a/%").matches("a/b")).isTrue();
        assertThat(MailboxPattern.of("", "a/%").matches("a/b/c")).isFalse();
        assertThat(MailboxPattern.of("", "a/*").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("", "a%c").matches("abc")).isTrue();
        assertThat(MailboxPattern.of("", "a%c").matches("ab/c")).isFalse();
        assertThat(MailboxPattern.of("", "a*c").matches("ab/c")).isTrue();
    }

    @Test
    void wildcardsMatchNothingToo() {
        assertThat(MailboxPattern.of("", "a*").matches("a")).isTrue();
        assertThat(MailboxPattern.of("", "a%").matches("a")).isTrue();
        assertThat(MailboxPattern.of("", "*a*").matches("a")).isTrue();
        assertThat(MailboxPattern.of("", "%/%").matches("a/")).isTrue();
        assertThat(MailboxPattern.of("", "%%%").matches("")).isTrue();
        assertThat(MailboxPattern.of("", "a%").matches("")).isFalse();
    }

    @Test
    void percentAndStarCombineLikeDovecotsTests() {
        // The cases imaptest's "list" script checks.
        assertThat(MailboxPattern.of("", "box/%3/%").matches("box/test3/test4")).isTrue();
        assertThat(MailboxPattern.of("", "box/%3/%4").matches("box/test3/test4")).isTrue();
        assertThat(MailboxPattern.of("", "box/%t*4").matches("box/test3/test4")).isTrue();
        assertThat(MailboxPattern.of("", "box/*test4").matches("box/test3/test4")).isTrue();
        assertThat(MailboxPattern.of("", "box/*test4").matches("box/test3/test4/test5")).isFalse();
        assertThat(MailboxPattern.of("", "box/%/%").matches("box/test3/test4/test5")).isFalse();
        assertThat(MailboxPattern.of("", "box/*2").matches("box/test4/test52")).isTrue();
        assertThat(MailboxPattern.of("", "box/*2").matches("box/test2/test1")).isFalse();
        // A % must not swallow a separator even when a later * could.
        assertThat(MailboxPattern.of("", "%b*").matches("a/b")).isFalse();
        assertThat(MailboxPattern.of("", "*%b").matches("a/b")).isTrue();
    }

    @Test
    void referenceIsPutInFront() {
        assertThat(MailboxPattern.of("a/", "%").matches("a/b")).isTrue();
        assertThat(MailboxPattern.of("a/", "%").matches("a")).isFalse();
        assertThat(MailboxPattern.of("a/", "*").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("a/", "*").matches("b/c")).isFalse();
        assertThat(MailboxPattern.of("a", "b").matches("ab")).isTrue();
    }

    @Test
    void inboxMatchesInAnyCaseAndOtherNamesExactly() {
        assertThat(MailboxPattern.of("", "inbox").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "Inbox/%").matches("INBOX/x")).isTrue();
        assertThat(MailboxPattern.of("", "inb*").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "i%").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "*x").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "inbox/X").matches("INBOX/x")).isFalse();
        assertThat(MailboxPattern.of("", "inboxes").matches("INBOXES")).isFalse();
        assertThat(MailboxPattern.of("", "i*").matches("INBOXES")).isFalse();
        assertThat(MailboxPattern.of("", "sent").matches("Sent")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(MailboxPattern.of("", "a.b").matches("axb")).isFalse();
        assertThat(MailboxPattern.of("", "(x)+").matches("(x)+")).isTrue();
        assertThat(MailboxPattern.of("", "a\\E.*").matches("a\\E.z")).isTrue();
    }

    @Test
    void patternsAreDecodedLikeNames() {
        assertThat(MailboxPattern.fromWire("", "Entw&APw-*", false).matches("Entwürfe")).isTrue();
        assertThat(MailboxPattern.fromWire("", "Entwürfe", true).matches("Entwürfe")).isTrue();
        assertThat(MailboxPattern.fromWire("", "a&-b", false).matches("a&b")).isTrue();
        assertThat(MailboxPattern.fromWire("", "inbox", false).matches("INBOX")).isTrue();
    }

    @Test
    void aPatternThatIsNoValidModifiedUtf7IsMatchedAgainstWireForms() {
        assertThat(MailboxPattern.fromWire("", "!#$&'+,-.0123456789:;<=>?@^_`|[}%*", false).matches("x")).isFalse();
        assertThat(MailboxPattern.fromWire("", "&*", false).matches("Übersicht")).isTrue();
        assertThat(MailboxPattern.fromWire("", "&*", false).matches("a&b")).isFalse();
        assertThat(MailboxPattern.fromWire("", "*&-*", false).matches("a&b")).isTrue();
    }

    @Test
    void agreesWithTheDefinitionOnRandomNamesAndPatternsAcrossWordBoundaries() {
        Random random = new Random(5258);
        for (int n = 0; n < 5000; n++) {
            int length = n % 10 == 0 ? 60 + random.nextInt(100) : random.nextInt(10);
            String pattern = randomText(random, "ab/*%", length);
            String name = randomText(random, "ab/", n % 10 == 0 ? 60 + random.nextInt(120) : random.nextInt(12));
            assertThat(MailboxPattern.of("", pattern).matches(name)).as("%s against %s", pattern, name)
                    .isEqualTo(byDefinition(pattern, 0, name, 0, new Boolean[pattern.length() + 1][name.length() + 1]));
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** RFC 9051 6.3.9 read literally: * matches any run, % any run without the separator. */
    private static boolean byDefinition(String pattern, int p, String name, int i, Boolean[][] memo) {
        if (memo[p][i] != null) {
            return memo[p][i];
        }
        boolean result;
        if (p == pattern.length()) {
            result = i == name.length();
        } else {
            char c = pattern.charAt(p);
            if (c == '*' || c == '%') {
                result = byDefinition(pattern, p + 1, name, i, memo)
                        || (i < name.length() && (c == '*' || name.charAt(i) != '/') && byDefinition(pattern, p, name, i + 1, memo));
            } else {
                result = i < name.length() && name.charAt(i) == c && byDefinition(pattern, p + 1, name, i + 1, memo);
            }
        }
        memo[p][i] = result;
        return result;
    }

    @Test
    void manyInterleavedWildcardsAgainstALongNameFinishAtOnce() {
        String name = "a".repeat(1000);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            pattern.append("*a%");
        }
        pattern.append('b');
        MailboxPattern matcher = MailboxPattern.of("", pattern.toString());
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(matcher.matches(name)).isFalse();
        }
        // (1000 × 601) steps each; a backtracking matcher takes longer than the age of the universe.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(MailboxPattern.of("", "*a%".repeat(300)).matches(name)).isTrue();
    }
}
