package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * MODSEQ key is used (RFC 7162 3.1.5). ESORT (RFC 5267 3.2): {@code SORT RETURN (options)} answers
 * with ESEARCH, MIN and MAX being the first and last message in sort order and ALL the matches in
 * sort order. One sort of the matching messages, O(n log n).
 */
final class SortCommand implements ImapCommand {

    private static final List<String> RETURN_OPTIONS = List.of("MIN", "MAX", "COUNT", "ALL");

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
        Set<String> returns = reader.nextIfAtom("RETURN") ? returnOptions(reader.nextList()) : null;
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

        List<Long> numbers = new ArrayList<>(sorted.size());
        for (SortableMessage m : sorted) {
            numbers.add(uidCommand ? m.uid() : m.sequence());
        }
        long highest = modseq ? found.stream().mapToLong(MessageSummary::modseq).max().orElse(0) : 0;
        if (returns != null) {
            writeEsearch(session, request.tag(), uidCommand, returns, numbers, highest);
        } else {
            var line = session.out().untagged().atom("SORT");
            numbers.forEach(line::number);
            if (highest != 0) {
                line.openList().atom("MODSEQ").number(highest).closeList();
            }
            line.end();
        }
        return Completion.ok((uidCommand ? "UID " : "") + "SORT completed");
    }

    /** RFC 5267 3.2 with RFC 4731 3.1: MIN, MAX, COUNT and ALL; an empty list means ALL. */
    private static Set<String> returnOptions(ImapArgReader options) throws ImapSyntaxException {
        Set<String> returns = new LinkedHashSet<>();
        while (options.hasNext()) {
            String option = options.nextKeyword();
            if (!RETURN_OPTIONS.contains(option)) {
                throw new ImapSyntaxException("Unsupported SORT return option " + option);
            }
            returns.add(option);
        }
        if (returns.isEmpty()) {
            returns.add("ALL");
        }
        return returns;
    }

    /**
     * The ESEARCH response of ESORT. MODSEQ (RFC 7162 3.1.5) is the highest of every match when
     * {@code highestModseq} is not 0.
     */
    private static void writeEsearch(ImapSession session, String tag, boolean uidCommand, Set<String> returns,
                                     List<Long> numbers, long highestModseq) {
        var line = session.out().untagged().atom("ESEARCH").openList().atom("TAG").string(tag).closeList();
        if (uidCommand) {
            line.atom("UID");
        }
        if (!numbers.isEmpty()) {
            if (returns.contains("MIN")) {
                line.atom("MIN").number(numbers.getFirst());
            }
            if (returns.contains("MAX")) {
                line.atom("MAX").number(numbers.getLast());
            }
            if (returns.contains("ALL")) {
                line.atom("ALL").atom(inOrder(numbers));
            }
        }
        if (returns.contains("COUNT")) {
            line.atom("COUNT").number(numbers.size());
        }
        if (highestModseq != 0 && !numbers.isEmpty()) {
            line.atom("MODSEQ").number(highestModseq);
        }
        line.end();
    }

    /**
     * A sequence set that keeps the sort order (RFC 5267 3.2): runs of consecutive ascending
     * numbers become ranges, everything else is listed one by one.
     */
    static String inOrder(List<Long> numbers) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < numbers.size()) {
            int end = i;
            while (end + 1 < numbers.size() && numbers.get(end + 1) == numbers.get(end) + 1) {
                end++;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(numbers.get(i));
            if (end > i) {
                out.append(':').append(numbers.get(end));
            }
            i = end + 1;
        }
        return out.toString();
    }
}
