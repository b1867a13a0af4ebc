package org.mailplatform.imap.command;

import java.util.Optional;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.account.Account;

/** GETQUOTA: RFC 9208 4.1.1. The only quota root is the account's own, and only while it has a limit. */
final class GetQuotaCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("GETQUOTA");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String root = reader.nextAstring();
        reader.end();
        Optional<Account> account = root.equals(AccountQuota.ROOT) ? AccountQuota.limited(session) : Optional.empty();
        if (account.isEmpty()) {
            // RFC 9208 4.1.1: NO for a quota root that does not exist.
            throw ImapCommandException.no(ResponseCode.NONEXISTENT, "No such quota root");
        }
        AccountQuota.write(session, account.get());
        return Completion.ok("GETQUOTA completed");
    }
}
