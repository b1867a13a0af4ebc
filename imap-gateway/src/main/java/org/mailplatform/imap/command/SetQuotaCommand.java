package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * SETQUOTA: RFC 9208 4.1.3. Limits are the administrator's to set (the MDA's admin API), so QUOTASET
 * is not advertised and a well-formed request is refused with NOPERM; a malformed one gets BAD.
 */
final class SetQuotaCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("SETQUOTA");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        reader.nextAstring();
        // RFC 9208 7: setquota-list = "(" [resource-name SP resource-limit *(SP ...)] ")"
        ImapArgReader limits = reader.nextList();
        while (limits.hasNext()) {
            limits.nextAtom();
            limits.nextNumber64();
        }
        reader.end();
        throw ImapCommandException.no(ResponseCode.NOPERM, "Quotas are set by the administrator");
    }
}
