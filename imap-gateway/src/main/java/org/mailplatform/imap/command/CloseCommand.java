package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.message.ExpungeResult;

/** CLOSE: RFC 9051 6.4.1; removes \Deleted messages silently (unless read-only), then deselects. */
final class CloseCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("CLOSE");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Set<CommandFlag> flags(ImapRequest request) {
        return Set.of(CommandFlag.NO_UPDATES);
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        SelectedMailbox selected = session.selected();
        session.deselect();
        if (!selected.readOnly()) {
            ExpungeResult result = session.services().messages().expunge(selected.id());
            session.services().changes().messages(MailboxEventKind.EXPUNGED, session.accountName(), selected.id(),
                    selected.uidValidity(), result.uids(), result.modseq(), session);
        }
        return Completion.ok("CLOSE completed");
    }
}
