package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.mailplatform.store.account.Account;

/**
 * A conversation checked line by line: {@code send("LIST \"\" %").expect("* LIST ...", "OK LIST
 * completed")}, where the last expected line is the tagged reply without its tag.
 */
final class Transcript implements AutoCloseable {

    private final RawImap imap;
    private List<String> lines = List.of();

    private Transcript(RawImap imap) {
        this.imap = imap;
    }

    /** A fresh account, logged in over implicit TLS. */
    static Transcript login(ImapTestBase test) throws Exception {
        return login(test, test.newAccount());
    }

    static Transcript login(ImapTestBase test, Account account) throws Exception {
        RawImap imap = RawImap.implicitTls(test.implicitTlsPort());
        imap.readLine();
        Transcript t = new Transcript(imap);
        t.send("LOGIN " + RawImap.quote(account.address().toString()) + " " + RawImap.quote(ImapTestBase.PASSWORD));
        assertThat(t.lines.getLast()).startsWith(t.tag() + " OK");
        return t;
    }

    Transcript send(String command) throws IOException {
        lines = imap.command(command);
        return this;
    }

    /** The server's lines for the last command, exactly: untagged ones, then the tagged reply. */
    Transcript expect(String... expected) {
        List<String> withTag = new ArrayList<>(List.of(expected));
        withTag.set(withTag.size() - 1, tag() + " " + withTag.getLast());
        assertThat(lines).containsExactlyElementsOf(withTag);
        return this;
    }

    List<String> lines() {
        return lines;
    }

    String tag() {
        return imap.lastTag();
    }

    @Override
    public void close() throws IOException {
        imap.close();
    }
}
