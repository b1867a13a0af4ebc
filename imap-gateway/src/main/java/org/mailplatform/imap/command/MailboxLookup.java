package org.mailplatform.imap.command;

import java.util.Optional;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.MailboxNames;
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

    /**
     * The next mailbox argument, decoded; empty when it is not valid modified UTF-7 (RFC 3501
     * 5.1.3) or, with UTF-8 on, holds control characters. Such a name is no syntax error (the
     * grammar's mailbox is any astring) but names no mailbox, as every stored name has exactly one
     * wire form: commands answer NO for it, never BAD (RFC 3501 6.3.1).
     */
    static Optional<String> nextDecodedName(ImapArgReader reader, ImapSession session) throws ImapSyntaxException {
        String wire = reader.nextAstring();
        try {
            return Optional.of(MailboxNames.decode(wire, session.utf8Enabled()));
        } catch (ImapSyntaxException notAName) {
            return Optional.empty();
        }
    }

    /** The next mailbox argument of a command that looks a mailbox up: NO [NONEXISTENT] when it cannot name one. */
    static String nextName(ImapArgReader reader, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        return nextDecodedName(reader, session)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
    }

    /** The next mailbox argument of a command that creates a name: NO [CANNOT] when it cannot be one. */
    static String nextNewName(ImapArgReader reader, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        return nextDecodedName(reader, session)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.CANNOT, "Invalid mailbox name"));
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
        return selectable(session, Optional.of(name));
    }

    /** A mailbox that can be selected by a name that may not have decoded, or NO [NONEXISTENT]. */
    static Mailbox selectable(ImapSession session, Optional<String> name) throws ImapCommandException {
        return name.flatMap(n -> find(session, n)).filter(Mailbox::selectable)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
    }

    /** The target of APPEND, COPY or MOVE: RFC 9051 6.3.12 asks for TRYCREATE when it is missing. */
    static Mailbox target(ImapSession session, String name) throws ImapCommandException {
        return find(session, name).filter(Mailbox::selectable)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.TRYCREATE, "No such mailbox"));
    }
}
