package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;

/** LSUB: RFC 3501 6.3.9 (deprecated by RFC 9051 in favour of LIST (SUBSCRIBED)). */
final class LsubCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("LSUB");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        ImapArgReader reader = request.reader();
        String reference = reader.nextMailbox(session.utf8Enabled());
        String pattern = reader.nextListMailbox(session.utf8Enabled());
        reader.end();
        if (pattern.isEmpty()) {
            session.out().untagged().atom("LSUB").openList().atom("\\Noselect").closeList().string("/").string("").end();
            return Completion.ok("LSUB completed");
        }
        MailboxPattern matcher = MailboxPattern.of(reference, pattern);
        for (Mailbox mailbox : session.services().mailboxes().list(session.accountId())) {
            if (mailbox.subscribed() && matcher.matches(mailbox.name())) {
                var line = session.out().untagged().atom("LSUB").openList();
                if (!mailbox.selectable()) {
                    line.atom("\\Noselect");
                }
                line.closeList().string("/").mailbox(mailbox.name()).end();
            }
        }
        return Completion.ok("LSUB completed");
    }
}
