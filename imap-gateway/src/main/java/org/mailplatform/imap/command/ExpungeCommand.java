package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.message.ExpungeResult;
import org.mailplatform.store.message.UidSet;

/**
 * EXPUNGE (RFC 9051 6.4.3) and UID EXPUNGE (RFC 4315 2.1): removes \Deleted messages (only those
 * in the UID set for UID EXPUNGE) and reports each with EXPUNGE, or VANISHED once QRESYNC is on.
 */
final class ExpungeCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("EXPUNGE", "UID EXPUNGE");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        boolean uid = request.name().startsWith("UID ");
        SelectedMailbox selected = session.selected();
        UidSet scope = uid ? Sequences.resolve(selected, reader.nextSequenceSet(), true) : UidSet.all();
        reader.end();
        if (selected.readOnly()) {
            throw ImapCommandException.no(ResponseCode.CANNOT, "Mailbox is read-only");
        }
        if (scope.isEmpty()) {
            return Completion.ok("EXPUNGE completed");
        }
        ExpungeResult result = session.services().messages().expunge(selected.id(), scope);
        session.writeExpunges(result.uids());
        // Removed messages share one new MODSEQ (nothing removed: the current HIGHESTMODSEQ), all reported just now.
        selected.changedByCommand(result.uids().isEmpty() ? result.modseq() : result.modseq() - 1, result.modseq());
        session.services().changes().messages(MailboxEventKind.EXPUNGED, session.accountName(), selected.id(),
                selected.uidValidity(), result.uids(), result.modseq(), session);
        return Completion.ok("EXPUNGE completed");
    }
}
