package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.MoveResult;
import org.mailplatform.store.message.UidSet;

/**
 * MOVE and UID MOVE: RFC 6851, RFC 9051 6.4.8. Copy and expunge in one transaction; COPYUID goes
 * in an untagged OK before the EXPUNGE (or VANISHED) responses (RFC 6851 4.3). The target may be
 * the selected mailbox itself: the messages get new UIDs there, and EXISTS follows the expunges.
 */
final class MoveCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("MOVE", "UID MOVE");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        boolean uidCommand = request.name().startsWith("UID ");
        ImapArgReader reader = request.reader();
        SequenceSet set = reader.nextSequenceSet();
        String name = MailboxLookup.nextName(reader, session);
        reader.end();
        SelectedMailbox selected = session.selected();
        UidSet uids = Sequences.resolve(selected, set, uidCommand);
        Mailbox target = MailboxLookup.target(session, name);
        if (selected.readOnly()) {
            throw ImapCommandException.no(ResponseCode.CANNOT, "Mailbox is read-only");
        }
        MoveResult result = session.services().messages().move(selected.id(), uids, target.id());
        if (result.copied().sourceUids().isEmpty()) {
            return Completion.ok("MOVE completed, nothing to move");
        }
        session.out().untagged(ImapStatus.OK, CopyCommand.copyUid(result.copied()), "Moved");
        session.writeExpunges(result.expunged().uids());
        session.services().changes().messages(MailboxEventKind.NEW_MESSAGE, session.accountName(), target.id(),
                result.copied().targetUidValidity(), result.copied().targetUids(), result.copied().modseq(), null);
        session.services().changes().messages(MailboxEventKind.EXPUNGED, session.accountName(), selected.id(),
                selected.uidValidity(), result.expunged().uids(), result.expunged().modseq(), session);
        return Completion.ok("MOVE completed");
    }
}
