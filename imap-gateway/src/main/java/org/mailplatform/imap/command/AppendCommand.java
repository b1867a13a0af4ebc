package org.mailplatform.imap.command;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArg;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.response.FlagNames;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.AppendResult;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;

/**
 * APPEND: RFC 9051 6.3.12 with APPENDUID (RFC 4315 3), TRYCREATE for a missing mailbox and the
 * APPENDLIMIT the command reader enforces before reading the literal (RFC 7889); a literal8 message
 * (RFC 3516 4.4) has its parts that hold NUL stored in base64 ({@link BinaryParts}). The message is
 * parsed once here, as the MDA does at delivery, and stored with its structure and search text.
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
        List<String> flags = reader.peekIsList() ? reader.nextFlagList() : List.of();
        Instant internalDate = reader.peek() instanceof ImapArg.Quoted
                ? reader.nextDateTime().toInstant()
                : session.services().clock().instant();
        ImapArg.Literal message = reader.nextLiteral();
        reader.end();
        MessageFlags stored;
        try {
            stored = FlagNames.toStore(flags);
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.bad(e.getMessage());
        }
        if (message.size() == 0) {
            throw ImapCommandException.no(null, "Empty message");
        }
        Mailbox target = MailboxLookup.target(session, name);
        IncomingMessage incoming = session.services().indexer().index(BinaryParts.storable(message.bytes()));
        AppendResult result = session.services().messages().append(target.id(), incoming, stored, internalDate);
        session.services().changes().messages(MailboxEventKind.NEW_MESSAGE, session.accountName(), target.id(),
                result.uidValidity(), List.of(result.uid()), result.modseq(), session);
        return Completion.ok(ResponseCode.appendUid(result.uidValidity(), result.uid()), "APPEND completed");
    }
}
