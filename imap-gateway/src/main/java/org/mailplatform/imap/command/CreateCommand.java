package org.mailplatform.imap.command;

import java.util.Optional;
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
import org.mailplatform.store.mailbox.SpecialUse;

/**
 * CREATE: RFC 9051 6.3.4 (a trailing separator is ignored, missing superiors are created), with
 * the USE parameter of CREATE-SPECIAL-USE (RFC 6154 3).
 */
final class CreateCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("CREATE");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String name = MailboxLookup.nextNewName(reader, session);
        Optional<SpecialUse> use = Optional.empty();
        if (reader.peekIsList()) {
            ImapArgReader params = reader.nextList();
            while (params.hasNext()) {
                String param = params.nextKeyword();
                if (!param.equals("USE")) {
                    throw new ImapSyntaxException("Unknown CREATE parameter " + param);
                }
                ImapArgReader uses = params.nextList();
                while (uses.hasNext()) {
                    String attribute = uses.nextAtom();
                    Optional<SpecialUse> known = SpecialUse.fromAttribute(attribute);
                    // RFC 6154 3: an unsupported (or a second) special use gets NO [USEATTR].
                    if (known.isEmpty() || use.isPresent()) {
                        throw ImapCommandException.no(ResponseCode.USEATTR, "Unsupported special-use attribute");
                    }
                    use = known;
                }
            }
        }
        reader.end();
        String normalized = MailboxLookup.validNewName(name);
        if (MailboxName.isInbox(normalized)) {
            throw ImapCommandException.no(ResponseCode.ALREADYEXISTS, "INBOX always exists");
        }
        Mailbox created = session.services().mailboxes().create(session.accountId(), normalized, use);
        session.services().changes().mailbox(MailboxEventKind.MAILBOX_CREATED, session.accountName(), created.id(),
                created.name(), created.uidValidity());
        return Completion.ok("CREATE completed");
    }
}
