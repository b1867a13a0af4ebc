package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * ESEARCH with a MODSEQ criterion (RFC 7162 3.1.5, RFC 4731): the MODSEQ returned is the highest
 * of the messages the response returns: the MIN or MAX message alone, both, or every match. CONDSTORE
 * turned on in the selected state brings the HIGHESTMODSEQ response code (RFC 7162 3.1).
 */
class EsearchModseqTest extends ImapTestBase {

    @Test
    void modseqIsTheHighestOfTheReturnedMessages() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 4; i++) {
            deliver(account, TestMessages.simple("message " + i));
        }
        try (RawImap imap = loggedIn(account)) {
            imap.command("SELECT INBOX");
            // FETCH MODSEQ turns CONDSTORE on (RFC 7162 3.1), as ENABLE cannot in the selected state;
            // the client learns the HIGHESTMODSEQ its SELECT did not tell it, once.
            List<String> first = imap.command("FETCH 1 (MODSEQ)");
            assertThat(first).hasSize(3);
            assertThat(first.get(0)).matches("\\* OK \\[HIGHESTMODSEQ \\d+\\] Highest");
            assertThat(first.get(1)).matches("\\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)");
            long m1 = storeSeen(imap, 1);
            long m3 = storeSeen(imap, 3);
            long m2 = storeSeen(imap, 2);
            long m4 = storeSeen(imap, 4);
            assertThat(m1).isLessThan(m3);
            assertThat(m3).isLessThan(m2);
            assertThat(m2).isLessThan(m4);

            assertThat(esearch(imap, "RETURN (MIN) 1:3 MODSEQ \"/flags/\\\\seen\" all 1")).isEqualTo("MIN 1 MODSEQ " + m1);
            assertThat(esearch(imap, "RETURN (MAX) 1:3 MODSEQ \"/flags/\\\\seen\" all 1")).isEqualTo("MAX 3 MODSEQ " + m3);
            assertThat(esearch(imap, "RETURN () 1:3 MODSEQ \"/flags/\\\\seen\" all 1")).isEqualTo("ALL 1:3 MODSEQ " + m2);
            assertThat(esearch(imap, "RETURN (MIN MAX) 2:3 MODSEQ \"/flags/\\\\seen\" all 1"))
                    .isEqualTo("MIN 2 MAX 3 MODSEQ " + m2);
            assertThat(esearch(imap, "RETURN (COUNT) 1,3 MODSEQ 1")).isEqualTo("COUNT 2 MODSEQ " + m3);
            assertThat(esearch(imap, "RETURN (ALL) 2:3 MODSEQ \"/flags/\\\\seen\" all " + m3)).isEqualTo("ALL 2:3 MODSEQ " + m2);
            assertThat(esearch(imap, "RETURN (ALL) 2:3 MODSEQ \"/flags/\\\\seen\" all " + m2)).isEqualTo("ALL 2 MODSEQ " + m2);
            assertThat(esearch(imap, "RETURN (ALL) 2:3 MODSEQ \"/flags/\\\\seen\" all " + m4)).isEmpty();
        }
    }

    private static long storeSeen(RawImap imap, int seq) throws Exception {
        List<String> reply = imap.command("STORE " + seq + " +FLAGS.SILENT (\\Seen)");
        Matcher m = Pattern.compile("\\* " + seq + " FETCH \\(MODSEQ \\((\\d+)\\)\\)").matcher(reply.getFirst());
        assertThat(m.matches()).as("%s", reply).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The ESEARCH response's data after the tag correlator. */
    private static String esearch(RawImap imap, String criteria) throws Exception {
        List<String> reply = imap.command("SEARCH " + criteria);
        String prefix = "* ESEARCH (TAG \"" + imap.lastTag() + "\")";
        assertThat(reply).hasSize(2);
        assertThat(reply.getFirst()).startsWith(prefix);
        assertThat(RawImap.last(reply)).startsWith(imap.lastTag() + " OK");
        return reply.getFirst().substring(prefix.length()).strip();
    }
}
