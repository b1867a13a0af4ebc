package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2) after two APPENDs, and STATUS agreeing with them:
 * the expectations of Dovecot's imaptest "select" script. Its RECENT counts are left out: this
 * gateway keeps no \Recent (see the README).
 */
class SelectTranscriptTest extends ImapTestBase {

    private static final Pattern UIDVALIDITY = Pattern.compile("\\* OK \\[UIDVALIDITY (\\d+)\\].*");

    @Test
    void theSelectScript() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("DELETE box");
            t.send("CREATE box").expect("OK CREATE completed");
            String message = TestMessages.simple("select");
            for (int i = 0; i < 2; i++) {
                assertThat(t.send("APPEND box {" + message.length() + "+}\r\n" + message).lines().getLast())
                        .startsWith(t.tag() + " OK [APPENDUID ");
            }

            List<String> examine = t.send("EXAMINE box").lines();
            assertThat(examine).contains("* 2 EXISTS", "* OK [UNSEEN 1] First unseen", "* OK [UIDNEXT 3] Predicted next UID");
            String uidValidity = uidValidity(examine);
            assertThat(examine.getLast()).isEqualTo(t.tag() + " OK [READ-ONLY] EXAMINE completed");
            t.send("CLOSE").expect("OK CLOSE completed");

            t.send("STATUS box (MESSAGES)").expect("* STATUS box (MESSAGES 2)", "OK STATUS completed");
            t.send("STATUS box (UIDNEXT)").expect("* STATUS box (UIDNEXT 3)", "OK STATUS completed");
            t.send("STATUS box (UIDVALIDITY)").expect("* STATUS box (UIDVALIDITY " + uidValidity + ")", "OK STATUS completed");
            t.send("STATUS box (UNSEEN)").expect("* STATUS box (UNSEEN 2)", "OK STATUS completed");

            List<String> select = t.send("SELECT box").lines();
            assertThat(select).contains("* 2 EXISTS", "* OK [UNSEEN 1] First unseen", "* OK [UIDNEXT 3] Predicted next UID");
            assertThat(uidValidity(select)).isEqualTo(uidValidity);
            assertThat(select.getLast()).isEqualTo(t.tag() + " OK [READ-WRITE] SELECT completed");
            t.send("CLOSE").expect("OK CLOSE completed");
        }
    }

    @Test
    void aFailedSelectLeavesNoMailboxSelectedWhateverTheName() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            assertThat(t.send("SELECT INBOX").lines().getLast()).startsWith(t.tag() + " OK [READ-WRITE]");
            // RFC 3501 6.3.1: a SELECT that fails still deselects; a name that is no valid
            // modified UTF-7 is a name no mailbox has, so NO rather than BAD.
            t.send("SELECT \"&Jjo\"").expect("NO [NONEXISTENT] No such mailbox");
            t.send("CLOSE").expect("BAD Command not allowed without a selected mailbox, or after login");
        }
    }

    private static String uidValidity(List<String> lines) {
        for (String line : lines) {
            Matcher m = UIDVALIDITY.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no UIDVALIDITY in " + lines);
    }
}
