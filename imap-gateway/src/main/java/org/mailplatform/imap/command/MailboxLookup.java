package org.mailplatform.imap.command;

import java.util.Optional;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * Mailbox names from the client, checked and looked up only among the logged-in account's own
 * mailboxes: every lookup carries the account id, and a name is only ever a name within it, so
 * no spelling ({@code ..}, wildcards, leading or doubled separators) reaches another account.
 */
final class MailboxLookup {

    private MailboxLookup() {
    }

    static String nextName(ImapArgReader reader, ImapSession session) throws ImapSyntaxException {
        return reader.nextMailbox(session.utf8Enabled());
    }

    /**
     * The stored spelling of a name the client wants to create or rename to. RFC 9051 5.1: names
     * with wildcards cannot be listed; relative levels ({@code .}, {@code ..}) and empty levels
     * would only confuse clients, so they are refused too.
     */
    static String validNewName(String name) throws ImapCommandException {
        String normalized;
        try {
            normalized = MailboxName.normalize(name);
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.no(ResponseCode.CANNOT, "Invalid mailbox name");
        }
        for (String level : normalized.split(String.valueOf(MailboxName.SEPARATOR), -1)) {
            if (level.equals(".") || level.equals("..")) {
                throw ImapCommandException.no(ResponseCode.CANNOT, "Invalid mailbox name");
            }
        }
        return normalized;
    }

    static Optional<Mailbox> find(ImapSession session, String name) {
        return session.services().mailboxes().find(session.accountId(), name);
    }

    /** A mailbox that can be selected, or NO [NONEXISTENT]. */
    static Mailbox selectable(ImapSession session, String name) throws ImapCommandException {
        return find(session, name).filter(Mailbox::selectable)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
    }

    /** The target of APPEND, COPY or MOVE: RFC 9051 6.3.12 asks for TRYCREATE when it is missing. */
    static Mailbox target(ImapSession session, String name) throws ImapCommandException {
        return find(session, name).filter(Mailbox::selectable)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.TRYCREATE, "No such mailbox"));
    }
}
