package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * Arguments whose cost grows faster than their length are bounded (CommandLimits): over a bound
 * the command gets BAD [LIMIT] and the session carries on. Each case is checked just under its
 * bound too.
 */
class CommandLimitsTest extends ImapTestBase {

    @Test
    void searchKeysAreBoundedInNumberAndNesting() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        try (Transcript t = Transcript.login(this, account)) {
            t.send("SELECT INBOX");
            t.send("SEARCH " + "NOT ".repeat(99) + "ALL").expect("* SEARCH", "OK SEARCH completed");
            t.send("SEARCH " + "NOT ".repeat(100) + "ALL").expect("BAD [LIMIT] Search keys nested too deeply");
            // NOT and OR nest without parentheses: thousands deep fit in one line.
            t.send("SEARCH " + "NOT ".repeat(5000) + "ALL").expect("BAD [LIMIT] Search keys nested too deeply");
            t.send("SEARCH " + "(".repeat(20) + "ALL" + ")".repeat(20)).expect("* SEARCH 1", "OK SEARCH completed");
            t.send("SEARCH " + "SEEN UNSEEN ".repeat(500)).expect("* SEARCH", "OK SEARCH completed");
            t.send("SEARCH " + "SEEN UNSEEN ".repeat(500) + "ALL").expect("BAD [LIMIT] Too many search keys");
            t.send("UID SEARCH " + "OR ALL ".repeat(99) + "ALL").expect("* SEARCH 1", "OK UID SEARCH completed");
            t.send("NOOP").expect("OK NOOP completed");
        }
    }

    @Test
    void sequenceSetsAreBoundedInRanges() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        try (Transcript t = Transcript.login(this, account)) {
            t.send("SELECT INBOX");
            String atLimit = "1" + ",1".repeat(9_999);
            t.send("FETCH " + atLimit + " UID").expect("* 1 FETCH (UID 1)", "OK FETCH completed");
            t.send("FETCH " + atLimit + ",1 UID").expect("BAD [LIMIT] Too many ranges in a sequence set");
            t.send("UID SEARCH UID " + atLimit + ",1").expect("BAD [LIMIT] Too many ranges in a sequence set");
            t.send("NOOP").expect("OK NOOP completed");
        }
    }

    @Test
    void fetchItemsAreBounded() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        try (Transcript t = Transcript.login(this, account)) {
            t.send("SELECT INBOX");
            assertThat(t.send("FETCH 1 (" + "UID ".repeat(99) + "UID)").lines().getLast()).isEqualTo(t.tag() + " OK FETCH completed");
            t.send("FETCH 1 (" + "UID ".repeat(100) + "UID)").expect("BAD [LIMIT] Too many fetch items");
            t.send("NOOP").expect("OK NOOP completed");
        }
    }
}
