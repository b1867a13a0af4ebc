package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * LIST: RFC 9051 6.3.9 with LIST-EXTENDED (RFC 5258: selection SUBSCRIBED, REMOTE, RECURSIVEMATCH,
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
                    // RFC 5258 3.1: REMOTE adds remote mailboxes; there are none.
                    case "REMOTE" -> {
                    }
                    default -> throw new ImapSyntaxException("Unknown LIST selection option");
                }
            }
            // RFC 5258 3.1: RECURSIVEMATCH only refines another selection option (REMOTE is none).
            if (recursiveMatch && !selectSubscribed && !selectSpecialUse) {
                throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option");
            }
        }
        String reference = reader.nextAstring();
        List<String> patterns = new ArrayList<>();
        if (reader.peekIsList()) {
            extended = true;
            ImapArgReader list = reader.nextList();
            while (list.hasNext()) {
                patterns.add(list.nextListMailbox());
            }
        } else {
            patterns.add(reader.nextListMailbox());
        }
        // RFC 5258 3.1: the SUBSCRIBED selection option implies the SUBSCRIBED return option.
        boolean returnSubscribed = selectSubscribed;
        List<String> statusItems = List.of();
        if (reader.nextIfAtom("RETURN")) {
            extended = true;
            ImapArgReader options = reader.nextList();
            while (options.hasNext()) {
                switch (options.nextKeyword()) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    // \HasChildren/\HasNoChildren are always sent (RFC 5258 4 allows it); SPECIAL-USE likewise.
                    case "CHILDREN", "SPECIAL-USE" -> {
                    }
                    case "STATUS" -> statusItems = StatusItems.parse(options.nextList());
                    default -> throw new ImapSyntaxException("Unknown LIST return option");
                }
            }
        }
        reader.end();
        ListPatterns.checkLength(reference, patterns);
        if (!extended && patterns.getFirst().isEmpty()) {
            // RFC 9051 6.3.9: an empty pattern asks for the hierarchy delimiter.
            session.out().untagged().atom("LIST").openList().atom("\\Noselect").closeList().string("/").string("").end();
            return Completion.ok("LIST completed");
        }
        // RFC 5258 3: in an extended LIST an empty pattern is no special request, and matches nothing.
        ListPatterns matchers = ListPatterns.of(session, reference, patterns.stream().filter(p -> !p.isEmpty()).toList());
        MailboxHierarchy hierarchy = MailboxHierarchy.of(session);
        Selection selection = new Selection(hierarchy, selectSubscribed, selectSpecialUse);

        // RFC 5258 3.1: with SUBSCRIBED the candidates are the subscribed names, which need not exist;
        // with RECURSIVEMATCH also their parents, which may be listed for a child that meets the criteria.
        TreeSet<String> candidates = new TreeSet<>(selectSubscribed ? hierarchy.subscribedNames() : hierarchy.existingNames());
        if (recursiveMatch) {
            for (String name : List.copyOf(candidates)) {
                if (selection.includes(name)) {
                    candidates.addAll(MailboxName.ancestors(name));
                }
            }
        }
        for (String name : candidates) {
            if (!matchers.matches(name)) {
                continue;
            }
            boolean selected = selection.includes(name);
            boolean childInfo = false;
            if (recursiveMatch) {
                List<String> meeting = hierarchy.descendants(name, selection::includes);
                childInfo = !meeting.isEmpty();
                // RFC 5258 3.3 rule 2B: a name that is not itself selected is listed only for a
                // descendant that meets the criteria and is not listed in its own right.
                if (!selected && meeting.stream().allMatch(matchers::matches)) {
                    continue;
                }
            } else if (!selected) {
                continue;
            }
            Optional<Mailbox> mailbox = hierarchy.mailbox(name);
            var line = session.out().untagged().atom("LIST").openList();
            if (mailbox.isEmpty()) {
                // RFC 5258 3: \NonExistent (which implies \Noselect) for a subscribed name with no mailbox.
                line.atom("\\NonExistent");
            } else if (!mailbox.get().selectable()) {
                line.atom("\\Noselect");
            }
            if (mailbox.isPresent() || hierarchy.hasChildren(name)) {
                line.atom(hierarchy.hasChildren(name) ? "\\HasChildren" : "\\HasNoChildren");
            }
            if (returnSubscribed && hierarchy.subscribed(name)) {
                line.atom("\\Subscribed");
            }
            mailbox.flatMap(Mailbox::specialUse).ifPresent(use -> line.atom(use.attribute()));
            line.closeList().string("/").mailbox(name);
            if (childInfo) {
                // RFC 5258 3.5: the selection criteria that a descendant meets, each quoted.
                line.openList().string("CHILDINFO").openList();
                if (selectSubscribed) {
                    line.string("SUBSCRIBED");
                }
                if (selectSpecialUse) {
                    line.string("SPECIAL-USE");
                }
                line.closeList().closeList();
            }
            line.end();
            if (!statusItems.isEmpty() && selected && mailbox.isPresent() && mailbox.get().selectable()) {
                StatusItems.write(session, mailbox.get(), statusItems);
            }
        }
        return Completion.ok("LIST completed");
    }

    /** The LIST-EXTENDED selection criteria (RFC 5258 3.1, RFC 6154 5.1) as a test on a name. */
    private record Selection(MailboxHierarchy hierarchy, boolean subscribed, boolean specialUse) {

        boolean includes(String name) {
            if (subscribed && !hierarchy.subscribed(name)) {
                return false;
            }
            Optional<Mailbox> mailbox = hierarchy.mailbox(name);
            if (specialUse && mailbox.flatMap(Mailbox::specialUse).isEmpty()) {
                return false;
            }
            return subscribed || mailbox.isPresent();
        }
    }
}
