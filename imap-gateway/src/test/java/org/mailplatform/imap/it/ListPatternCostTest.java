package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * A LIST pattern of many wildcards against a long name once made the gateway backtrack for
 * minutes; matching now takes (name length × pattern length) steps at most.
 */
class ListPatternCostTest extends ImapTestBase {

    @Test
    void manyInterleavedWildcardsAgainstALongNameAnswerAtOnce() throws Exception {
        Account account = newAccount();
        String longName = "a".repeat(1000);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            pattern.append("*a%");
        }
        pattern.append("b");
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains("OK");
            assertThat(RawImap.last(imap.command("CREATE " + longName))).isEqualTo("T2 OK CREATE completed");
            imap.setTimeout(10_000);
            List<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                long start = System.nanoTime();
                List<String> lines = imap.command("LIST \"\" " + pattern);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                // Some milliseconds here; the bound leaves room for a loaded two-core machine.
                assertThat(took).isLessThan(Duration.ofSeconds(1));
                return lines;
            });
            assertThat(answer).containsExactly("T3 OK LIST completed");
            List<String> matching = imap.command("LIST \"\" " + "*a%".repeat(250));
            assertThat(matching).contains("* LIST (\\HasNoChildren) \"/\" " + longName);
            assertThat(RawImap.last(imap.command("NOOP"))).isEqualTo("T5 OK NOOP completed");
        }
    }

    @Test
    void aPatternLongerThanAnyNameIsRefusedAndTheSessionGoesOn() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD));
            assertThat(imap.command("LIST \"\" " + "%".repeat(1025))).containsExactly("T2 BAD [LIMIT] Mailbox pattern too long");
            assertThat(imap.command("LIST \"" + "a".repeat(1025) + "\" %")).containsExactly("T3 BAD [LIMIT] Mailbox pattern too long");
            assertThat(imap.command("LSUB \"\" " + "*".repeat(1025))).containsExactly("T4 BAD [LIMIT] Mailbox pattern too long");
            assertThat(RawImap.last(imap.command("LIST \"\" " + "%".repeat(1024)))).isEqualTo("T5 OK LIST completed");
            assertThat(imap.command("LIST \"\" (" + "x ".repeat(101) + ")")).containsExactly("T6 BAD [LIMIT] Too many mailbox patterns");
            assertThat(RawImap.last(imap.command("NOOP"))).isEqualTo("T7 OK NOOP completed");
        }
    }
}
