package org.mailplatform.imap.command;

import java.util.Optional;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.account.Account;

/**
 * GETQUOTAROOT: RFC 9208 4.1.2. Every mailbox of the account, existing or not yet created (the
 * name need not exist), is under the account's quota root; without a limit it is under none.
 */
final class GetQuotaRootCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("GETQUOTAROOT");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String mailbox = MailboxLookup.nextName(reader, session);
        reader.end();
        Optional<Account> account = AccountQuota.limited(session);
        var line = session.out().untagged().atom("QUOTAROOT").mailbox(mailbox);
        account.ifPresent(a -> line.string(AccountQuota.ROOT));
        line.end();
        account.ifPresent(a -> AccountQuota.write(session, a));
        return Completion.ok("GETQUOTAROOT completed");
    }
}
