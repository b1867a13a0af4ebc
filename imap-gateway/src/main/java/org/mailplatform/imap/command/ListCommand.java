package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * LIST: RFC 9051 6.3.9 with LIST-EXTENDED (RFC 5258: selection SUBSCRIBED, RECURSIVEMATCH,
 * SPECIAL-USE; return SUBSCRIBED, CHILDREN, SPECIAL-USE), CHILDREN (RFC 3348), SPECIAL-USE
 * (RFC 6154) and LIST-STATUS (RFC 5819). Only the account's own mailboxes are listed.
 */
final class ListCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("LIST");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        boolean selectSubscribed = false;
        boolean selectSpecialUse = false;
        boolean recursiveMatch = false;
        boolean extended = false;
        if (reader.peekIsList()) {
            extended = true;
            ImapArgReader options = reader.nextList();
            while (options.hasNext()) {
                switch (options.nextKeyword()) {
                    case "SUBSCRIBED" -> selectSubscribed = true;
                    case "SPECIAL-USE" -> selectSpecialUse = true;
                    case "RECURSIVEMATCH" -> recursiveMatch = true;
                    case "REMOTE" -> {
                    }
                    default -> throw new ImapSyntaxException("Unknown LIST selection option");
                }
            }
            // RFC 5258 3.1: RECURSIVEMATCH only refines another selection option.
            if (recursiveMatch && !selectSubscribed && !selectSpecialUse) {
                throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option");
            }
        }
        String reference = reader.nextMailbox(session.utf8Enabled());
        List<String> patterns = new ArrayList<>();
        if (reader.peekIsList()) {
            extended = true;
            ImapArgReader list = reader.nextList();
            while (list.hasNext()) {
                patterns.add(list.nextListMailbox(session.utf8Enabled()));
            }
        } else {
            patterns.add(reader.nextListMailbox(session.utf8Enabled()));
        }
        boolean returnSubscribed = selectSubscribed;
        List<String> statusItems = List.of();
        if (reader.nextIfAtom("RETURN")) {
            extended = true;
            ImapArgReader options = reader.nextList();
            while (options.hasNext()) {
                switch (options.nextKeyword()) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> {
                    }
                    case "STATUS" -> statusItems = StatusItems.parse(options.nextList());
                    default -> throw new ImapSyntaxException("Unknown LIST return option");
                }
            }
        }
        reader.end();
        if (!extended && patterns.size() == 1 && patterns.getFirst().isEmpty()) {
            // RFC 9051 6.3.9: an empty pattern asks for the hierarchy delimiter.
            session.out().untagged().atom("LIST").openList().atom("\\Noselect").closeList().string("/").string("").end();
            return Completion.ok("LIST completed");
        }
        List<MailboxPattern> matchers = patterns.stream().map(p -> MailboxPattern.of(reference, p)).toList();
        List<Mailbox> all = session.services().mailboxes().list(session.accountId());
        Set<String> parents = new HashSet<>();
        Set<String> subscribedParents = new HashSet<>();
        for (Mailbox mailbox : all) {
            parents.addAll(MailboxName.ancestors(mailbox.name()));
            if (mailbox.subscribed()) {
                subscribedParents.addAll(MailboxName.ancestors(mailbox.name()));
            }
        }
        for (Mailbox mailbox : all) {
            boolean matched = matchers.stream().anyMatch(m -> m.matches(mailbox.name()));
            if (!matched) {
                continue;
            }
            boolean childMatches = recursiveMatch && selectSubscribed && subscribedParents.contains(mailbox.name());
            boolean selectedHere = (!selectSubscribed || mailbox.subscribed())
                    && (!selectSpecialUse || mailbox.specialUse().isPresent());
            if (!selectedHere && !childMatches) {
                continue;
            }
            var line = session.out().untagged().atom("LIST").openList();
            if (!mailbox.selectable()) {
                line.atom("\\Noselect");
            }
            boolean hasChildren = parents.contains(mailbox.name());
            line.atom(hasChildren ? "\\HasChildren" : "\\HasNoChildren");
            if (returnSubscribed && mailbox.subscribed()) {
                line.atom("\\Subscribed");
            }
            mailbox.specialUse().ifPresent(use -> line.atom(use.attribute()));
            line.closeList().string("/").mailbox(mailbox.name());
            if (childMatches) {
                // RFC 5258 3.5: the mailbox has children that meet the selection criteria.
                line.openList().string("CHILDINFO").openList().string("SUBSCRIBED").closeList().closeList();
            }
            line.end();
            if (!statusItems.isEmpty() && mailbox.selectable() && selectedHere) {
                StatusItems.write(session, mailbox, statusItems);
            }
        }
        return Completion.ok("LIST completed");
    }
}
