package org.mailplatform.imap.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArg;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.response.FlagNames;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.AppendResult;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageToAppend;

/**
 * APPEND: RFC 9051 6.3.12 with APPENDUID (RFC 4315 3), TRYCREATE for a missing mailbox and the
 * APPENDLIMIT the command reader enforces before reading each literal (RFC 7889); a literal8
 * message (RFC 3516 4.4) has its parts that hold NUL stored in base64 ({@link BinaryParts}).
 * MULTIAPPEND (RFC 3502): several messages, each with its own flags and date, are stored in one
 * transaction, all or none, and APPENDUID then carries their UIDs as a set. All of them together
 * stay within the command size limit the reader enforces. Each message is parsed once here, as the
 * MDA does at delivery, and stored with its structure and search text.
 */
final class AppendCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("APPEND");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String name = MailboxLookup.nextName(reader, session);
        List<Appended> appended = new ArrayList<>();
        do {
            appended.add(nextMessage(reader, session));
        } while (reader.hasNext());
        reader.end();
        for (Appended a : appended) {
            if (a.literal().size() == 0) {
                // RFC 3502 3: a message that cannot be appended fails the whole command.
                throw ImapCommandException.no(null, "Empty message");
            }
        }
        Mailbox target = MailboxLookup.target(session, name);
        List<MessageToAppend> messages = new ArrayList<>(appended.size());
        for (Appended a : appended) {
            IncomingMessage incoming = session.services().indexer().index(BinaryParts.storable(a.literal().bytes()));
            messages.add(new MessageToAppend(incoming, a.flags(), a.internalDate()));
        }
        List<AppendResult> results = session.services().messages().appendAll(target.id(), messages);
        List<Long> uids = results.stream().map(AppendResult::uid).toList();
        AppendResult last = results.getLast();
        session.services().changes().messages(MailboxEventKind.NEW_MESSAGE, session.accountName(), target.id(),
                last.uidValidity(), uids, last.modseq(), session);
        ResponseCode code = uids.size() == 1
                ? ResponseCode.appendUid(last.uidValidity(), last.uid())
                : ResponseCode.appendUid(last.uidValidity(), SequenceSet.of(uids));
        return Completion.ok(code, "APPEND completed");
    }

    /** One message's parts: its flags, internal date and literal (RFC 3502 append-message). */
    private record Appended(MessageFlags flags, Instant internalDate, ImapArg.Literal literal) {
    }

    private static Appended nextMessage(ImapArgReader reader, ImapSession session)
            throws ImapSyntaxException, ImapCommandException {
        List<String> flags = reader.peekIsList() ? reader.nextFlagList() : List.of();
        Instant internalDate = reader.peek() instanceof ImapArg.Quoted
                ? reader.nextDateTime().toInstant()
                : session.services().clock().instant();
        ImapArg.Literal message = reader.nextLiteral();
        try {
            return new Appended(FlagNames.toStore(flags), internalDate, message);
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.bad(e.getMessage());
        }
    }
}
