package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.CopyResult;
import org.mailplatform.store.message.UidSet;

/** COPY and UID COPY: RFC 9051 6.4.7 with COPYUID (RFC 4315 3) and TRYCREATE. */
final class CopyCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("COPY", "UID COPY");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Set<CommandFlag> flags(ImapRequest request) {
        return request.name().startsWith("UID ") ? Set.of() : Set.of(CommandFlag.USES_SEQUENCE_NUMBERS);
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
        CopyResult result = session.services().messages().copy(selected.id(), uids, target.id());
        if (result.sourceUids().isEmpty()) {
            return Completion.ok("COPY completed, nothing to copy");
        }
        session.services().changes().messages(MailboxEventKind.NEW_MESSAGE, session.accountName(), target.id(),
                result.targetUidValidity(), result.targetUids(), result.modseq(), null);
        return Completion.ok(copyUid(result), "COPY completed");
    }

    static ResponseCode copyUid(CopyResult result) {
        return ResponseCode.copyUid(result.targetUidValidity(), SequenceSet.of(result.sourceUids()),
                SequenceSet.of(result.targetUids()));
    }
}
