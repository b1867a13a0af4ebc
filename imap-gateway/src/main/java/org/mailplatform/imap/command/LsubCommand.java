package org.mailplatform.imap.command;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * LSUB: RFC 3501 6.3.9 (deprecated by RFC 9051 in favour of LIST (SUBSCRIBED)). The subscribed
 * names that match, whether or not their mailboxes exist; a name that is not subscribed but has a
 * subscribed descendant the pattern does not reach (as {@code %} stops at a level) is listed with
 * {@code \Noselect}, which in LSUB means just that.
 */
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
        String reference = reader.nextAstring();
        String pattern = reader.nextListMailbox();
        reader.end();
        ListPatterns.checkLength(reference, List.of(pattern));
        if (pattern.isEmpty()) {
            session.out().untagged().atom("LSUB").openList().atom("\\Noselect").closeList().string("/").string("").end();
            return Completion.ok("LSUB completed");
        }
        ListPatterns matcher = ListPatterns.of(session, reference, List.of(pattern));
        MailboxHierarchy hierarchy = MailboxHierarchy.of(session);
        TreeSet<String> candidates = new TreeSet<>(hierarchy.subscribedNames());
        for (String name : hierarchy.subscribedNames()) {
            candidates.addAll(MailboxName.ancestors(name));
        }
        for (String name : candidates) {
            if (!matcher.matches(name)) {
                continue;
            }
            boolean subscribed = hierarchy.subscribed(name);
            if (!subscribed && hierarchy.descendants(name, hierarchy::subscribed).stream().allMatch(matcher::matches)) {
                continue;
            }
            var line = session.out().untagged().atom("LSUB").openList();
            if (!subscribed) {
                line.atom("\\Noselect");
            }
            line.closeList().string("/").mailbox(name).end();
        }
        return Completion.ok("LSUB completed");
    }
}
