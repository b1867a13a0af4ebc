package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * Mailbox names and LIST patterns made of every character the grammar allows in an atom
 * (RFC 3501 9: ATOM-CHAR is any CHAR but atom-specials; list-char adds the list-wildcards and
 * resp-specials), and names holding atom-specials sent quoted or as literals.
 */
class AtomsTranscriptTest extends ImapTestBase {

    private static final String ATOM_CHARS = "!#$&'+,-.0123456789:;<=>?@^_`|[}";

    private RawImap login(Account account) throws Exception {
        RawImap imap = RawImap.implicitTls(implicitTlsPort());
        imap.readLine();
        assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains("OK");
        return imap;
    }

    @Test
    void listWithEveryAtomCharacterAndWildcardsGetsAnAnswer() throws Exception {
        try (RawImap imap = login(newAccount())) {
            assertThat(imap.command("LIST \"\" " + ATOM_CHARS + "%*")).containsExactly("T2 OK LIST completed");
            assertThat(imap.command("LIST \"\" ~foo%*")).containsExactly("T3 OK LIST completed");
            assertThat(imap.command("LSUB \"\" " + ATOM_CHARS + "%*")).containsExactly("T4 OK LSUB completed");
            assertThat(imap.command("NOOP")).containsExactly("T5 OK NOOP completed");
        }
    }

    @Test
    void selectOfAMissingNameWithAtomCharactersIsNo() throws Exception {
        try (RawImap imap = login(newAccount())) {
            assertThat(imap.command("SELECT ~foo")).containsExactly("T2 NO [NONEXISTENT] No such mailbox");
            assertThat(imap.command("SELECT " + ATOM_CHARS)).containsExactly("T3 NO [NONEXISTENT] No such mailbox");
            assertThat(imap.command("NOOP")).containsExactly("T4 OK NOOP completed");
        }
    }

    @Test
    void selectOfANameWithAtomSpecialsIsNoWhetherQuotedOrLiteral() throws Exception {
        try (RawImap imap = login(newAccount())) {
            assertThat(imap.command("SELECT \"a(b)c{d} e%f*g\\\"h\\\\i]j\""))
                    .containsExactly("T2 NO [NONEXISTENT] No such mailbox");
            assertThat(imap.command("SELECT {7+}\r\n(x) %*]")).containsExactly("T3 NO [NONEXISTENT] No such mailbox");
            assertThat(imap.command("EXAMINE \"&Jjo\"")).containsExactly("T4 NO [NONEXISTENT] No such mailbox");
            assertThat(imap.command("STATUS \"x*\" (MESSAGES)")).containsExactly("T5 NO [NONEXISTENT] No such mailbox");
            assertThat(imap.command("NOOP")).containsExactly("T6 OK NOOP completed");
        }
    }

    @Test
    void namesWithAtomCharactersAndQuotedSpecialsCanBeCreatedListedAndSelected() throws Exception {
        try (RawImap imap = login(newAccount())) {
            // Without UTF-8, & must be written &- (RFC 3501 5.1.3): the bare form names nothing.
            assertThat(RawImap.last(imap.command("CREATE " + ATOM_CHARS))).isEqualTo("T2 NO [CANNOT] Invalid mailbox name");
            String wire = "!#$&-'+,-.0123456789:;<=>?@^_`|[}";
            assertThat(RawImap.last(imap.command("CREATE " + wire))).isEqualTo("T3 OK CREATE completed");
            assertThat(imap.command("LIST \"\" " + wire)).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" " + wire, "T4 OK LIST completed");
            assertThat(imap.command("LIST \"\" !#*")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" " + wire, "T5 OK LIST completed");
            assertThat(RawImap.last(imap.command("SELECT " + wire))).startsWith("T6 OK [READ-WRITE]");
            assertThat(RawImap.last(imap.command("CREATE \"Mail (old) ]\""))).isEqualTo("T7 OK CREATE completed");
            assertThat(imap.command("LIST \"\" \"Mail (old) ]\"")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" \"Mail (old) ]\"", "T8 OK LIST completed");
        }
    }
}
