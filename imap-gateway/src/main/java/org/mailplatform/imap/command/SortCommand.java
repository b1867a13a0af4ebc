package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.search.SearchEvaluator;
import org.mailplatform.imap.search.SearchKey;
import org.mailplatform.imap.search.SearchParser;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.imap.sort.SortCriterion;
import org.mailplatform.imap.sort.SortableMessage;
import org.mailplatform.imap.sort.SortableMessages;
import org.mailplatform.store.message.MessageSummary;

/**
 * SORT and UID SORT (RFC 5256 3): {@code SORT (criteria) charset search-keys}, with the keys of
 * SEARCH, the criteria of RFC 5256 and SORT=DISPLAY (RFC 5957), and {@code (MODSEQ n)} when a
 * MODSEQ key is used (RFC 7162 3.1.5). One sort of the matching messages, O(n log n).
 */
final class SortCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("SORT", "UID SORT");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Set<CommandFlag> flags(ImapRequest request) {
        return request.name().startsWith("UID ") ? Set.of() : Set.of(CommandFlag.USES_SEQUENCE_NUMBERS);
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        boolean uidCommand = request.name().startsWith("UID ");
        ImapArgReader reader = request.reader();
        if (!reader.peekIsList()) {
            throw new ImapSyntaxException("Expected a list of sort criteria");
        }
        List<SortCriterion> criteria = SortCriterion.parseList(reader.nextList());
        SearchCharsets.check(reader.nextAstring());
        SearchKey key = SearchParser.parseAll(reader);
        boolean modseq = SearchParser.usesModseq(key);
        if (modseq) {
            session.enableCondstore();
        }
        SelectedMailbox selected = session.selected();
        var services = session.services();
        List<MessageSummary> found = new SearchEvaluator(services.messages(), services.structures()).search(selected, key);
        List<SortableMessage> sorted = new ArrayList<>(new SortableMessages(services.messages(), services.structures())
                .load(selected, found, SortCriterion.needEnvelope(criteria), false));
        sorted.sort(SortCriterion.order(criteria));

        var line = session.out().untagged().atom("SORT");
        for (SortableMessage m : sorted) {
            line.number(uidCommand ? m.uid() : m.sequence());
        }
        if (modseq && !found.isEmpty()) {
            long highest = found.stream().mapToLong(MessageSummary::modseq).max().orElse(0);
            line.openList().atom("MODSEQ").number(highest).closeList();
        }
        line.end();
        return Completion.ok((uidCommand ? "UID " : "") + "SORT completed");
    }
}
