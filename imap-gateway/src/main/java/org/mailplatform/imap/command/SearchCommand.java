package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.search.SearchEvaluator;
import org.mailplatform.imap.search.SearchKey;
import org.mailplatform.imap.search.SearchParser;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.message.MessageSummary;

/**
 * SEARCH and UID SEARCH: RFC 9051 6.4.4, RFC 3501 6.4.4, with CHARSET (UTF-8 and US-ASCII),
 * ESEARCH result options MIN, MAX, COUNT, ALL (RFC 4731; always ESEARCH once IMAP4rev2 is on) and
 * the MODSEQ criterion (RFC 7162 3.1.5).
 */
final class SearchCommand implements ImapCommand {

    private static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    @Override
    public Set<String> names() {
        return Set.of("SEARCH", "UID SEARCH");
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
        Set<String> returns = null;
        if (reader.nextIfAtom("RETURN")) {
            returns = new LinkedHashSet<>();
            ImapArgReader options = reader.nextList();
            while (options.hasNext()) {
                String option = options.nextKeyword();
                if (!List.of("MIN", "MAX", "COUNT", "ALL").contains(option)) {
                    throw new ImapSyntaxException("Unsupported SEARCH return option " + option);
                }
                returns.add(option);
            }
            if (returns.isEmpty()) {
                returns.add("ALL");
            }
        }
        if (reader.nextIfAtom("CHARSET")) {
            String charset = reader.nextAstring().toUpperCase(Locale.ROOT);
            if (!CHARSETS.contains(charset)) {
                throw ImapCommandException.no(ResponseCode.badCharset(CHARSETS), "Unsupported charset");
            }
        }
        SearchKey key = SearchParser.parseAll(reader);
        if (savedResultUsed(key)) {
            throw ImapCommandException.bad("No saved search result");
        }
        boolean modseq = SearchParser.usesModseq(key);
        if (modseq) {
            session.enableCondstore();
        }
        if (returns == null && session.imap4rev2Enabled()) {
            returns = Set.of("ALL");
        }
        SelectedMailbox selected = session.selected();
        SearchEvaluator evaluator = new SearchEvaluator(session.services().messages(), session.services().headers(),
                session.services().structures());
        List<MessageSummary> found = evaluator.search(selected, key);
        List<Long> numbers = new ArrayList<>(found.size());
        long highestModseq = 0;
        for (MessageSummary m : found) {
            numbers.add(uidCommand ? m.uid() : selected.sequenceOf(m.uid()));
            highestModseq = Math.max(highestModseq, m.modseq());
        }
        if (returns == null) {
            var line = session.out().untagged().atom("SEARCH");
            numbers.forEach(line::number);
            if (modseq && !numbers.isEmpty()) {
                line.openList().atom("MODSEQ").number(highestModseq).closeList();
            }
            line.end();
        } else {
            var line = session.out().untagged().atom("ESEARCH").openList().atom("TAG").string(request.tag()).closeList();
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
                    line.atom("ALL").sequenceSet(SequenceSet.of(numbers));
                }
            }
            if (returns.contains("COUNT")) {
                line.atom("COUNT").number(numbers.size());
            }
            if (modseq && !numbers.isEmpty()) {
                line.atom("MODSEQ").number(highestModseq);
            }
            line.end();
        }
        return Completion.ok((uidCommand ? "UID " : "") + "SEARCH completed");
    }

    private static boolean savedResultUsed(SearchKey key) {
        return switch (key) {
            case SearchKey.Sequence s -> s.set().isSearchResult();
            case SearchKey.Uid u -> u.set().isSearchResult();
            case SearchKey.Not n -> savedResultUsed(n.key());
            case SearchKey.Or o -> savedResultUsed(o.left()) || savedResultUsed(o.right());
            case SearchKey.And a -> a.keys().stream().anyMatch(SearchCommand::savedResultUsed);
            default -> false;
        };
    }
}
