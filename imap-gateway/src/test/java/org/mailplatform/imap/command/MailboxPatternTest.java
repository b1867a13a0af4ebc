package org.mailplatform.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
