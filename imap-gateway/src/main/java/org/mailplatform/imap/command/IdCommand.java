package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** ID: RFC 2971. The client's fields are read for syntax and not kept; the server names itself. */
final class IdCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("ID");
    }

    @Override
    public Set<SessionState> states() {
        return States.ANY;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        ImapArgReader reader = request.reader();
        if (!reader.nextIfAtom("NIL")) {
            ImapArgReader fields = reader.nextList();
            // RFC 2971 3.3: at most 30 field-value pairs.
            if (fields.remaining() % 2 != 0 || fields.remaining() > 60) {
                throw new ImapSyntaxException("Invalid ID parameter list");
            }
            while (fields.hasNext()) {
                fields.nextString();
                fields.nextNstring();
            }
        }
        reader.end();
        session.out().untagged().atom("ID").openList()
                .string("name").string("mailplatform-imap")
                .string("vendor").string("mailplatform")
                .closeList().end();
        return Completion.ok("ID completed");
    }
}
