package org.mailplatform.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxPatternTest {

    @Test
    void starMatchesAcrossLevelsAndPercentWithinOne() {
        assertThat(MailboxPattern.of("", "*").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("", "%").matches("a/b")).isFalse();
        assertThat(MailboxPattern.of("", "a/%").matches("a/b")).isTrue();
        assertThat(MailboxPattern.of("a/", "%").matches("a/b")).isTrue();
        assertThat(MailboxPattern.of("", "a%c").matches("abc")).isTrue();
    }

    @Test
    void inboxMatchesInAnyCaseAndOtherNamesExactly() {
        assertThat(MailboxPattern.of("", "inbox").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "Inbox/%").matches("INBOX/x")).isTrue();
        assertThat(MailboxPattern.of("", "sent").matches("Sent")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(MailboxPattern.of("", "a.b").matches("axb")).isFalse();
        assertThat(MailboxPattern.of("", "(x)+").matches("(x)+")).isTrue();
    }
}
