package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * DELETE: RFC 9051 6.3.5. INBOX cannot be deleted; a mailbox with inferiors loses its messages
 * and stays as a \Noselect name (RFC 3501 6.3.4).
 */
final class DeleteCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("DELETE");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String name = MailboxLookup.nextName(reader, session);
        reader.end();
        Mailbox mailbox = MailboxLookup.find(session, name)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
        if (MailboxName.isInbox(mailbox.name())) {
            throw ImapCommandException.no(ResponseCode.CANNOT, "INBOX cannot be deleted");
        }
        if (session.selected() != null && session.selected().id() == mailbox.id()) {
            session.deselect();
        }
        session.services().mailboxes().delete(session.accountId(), mailbox.name());
        session.services().changes().mailbox(MailboxEventKind.MAILBOX_DELETED, session.accountName(), mailbox.id(),
                mailbox.name(), mailbox.uidValidity());
        return Completion.ok("DELETE completed");
    }
}
