package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;

/**
 * RENAME: RFC 9051 6.3.6. Inferiors move with the mailbox; renaming INBOX moves its messages to
 * a new mailbox and leaves INBOX empty.
 */
final class RenameCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("RENAME");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String from = MailboxLookup.nextName(reader, session);
        String to = MailboxLookup.nextNewName(reader, session);
        reader.end();
        Mailbox source = MailboxLookup.find(session, from)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
        String target = MailboxLookup.validNewName(to);
        if (MailboxLookup.find(session, target).isPresent()) {
            throw ImapCommandException.no(ResponseCode.ALREADYEXISTS, "Target mailbox exists");
        }
        Mailbox renamed = session.services().mailboxes().rename(session.accountId(), source.name(), target);
        if (source.isInbox()) {
            // INBOX stays, emptied: its watchers on this replica look again; elsewhere the next command does.
            session.services().changes().touched(source.id(), null);
        } else {
            session.services().changes().renamed(session.accountName(), renamed.id(), source.name(), renamed.name(),
                    renamed.uidValidity());
        }
        return Completion.ok("RENAME completed");
    }

}
