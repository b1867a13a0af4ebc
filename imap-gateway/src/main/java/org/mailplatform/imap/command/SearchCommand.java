package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
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
import org.mailplatform.store.message.UidSet;

/**
 * SEARCH and UID SEARCH: RFC 9051 6.4.4, RFC 3501 6.4.4, with CHARSET (UTF-8 and US-ASCII),
 * ESEARCH result options MIN, MAX, COUNT, ALL (RFC 4731; always ESEARCH once IMAP4rev2 is on),
 * SAVE and {@code $} (SEARCHRES, RFC 5182; RFC 9051 6.4.4.1) and the MODSEQ criterion
 * (RFC 7162 3.1.5).
 */
final class SearchCommand implements ImapCommand {

    private static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");
    private static final List<String> RETURN_OPTIONS = List.of("MIN", "MAX", "COUNT", "ALL", "SAVE");

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
                if (!RETURN_OPTIONS.contains(option)) {
                    throw new ImapSyntaxException("Unsupported SEARCH return option " + option);
                }
                returns.add(option);
            }
            if (returns.isEmpty()) {
                // RFC 4731 3.1: RETURN () means RETURN (ALL).
                returns.add("ALL");
            }
        }
        boolean save = returns != null && returns.remove("SAVE");
        SelectedMailbox selected = session.selected();
        try {
            return search(request, session, reader, uidCommand, returns, save);
        } catch (ImapCommandException e) {
            // RFC 5182 2.1: a SAVE search that ends in NO empties $; one that ends in BAD leaves it.
            if (save && e.status() == ImapStatus.NO) {
                selected.saveSearchResult(UidSet.empty());
            }
            throw e;
        } catch (RuntimeException e) {
            if (save) {
                selected.saveSearchResult(UidSet.empty());
            }
            throw e;
        }
    }

    private static Completion search(ImapRequest request, ImapSession session, ImapArgReader reader, boolean uidCommand,
                                     Set<String> returns, boolean save) throws ImapSyntaxException, ImapCommandException {
        if (reader.nextIfAtom("CHARSET")) {
            String charset = reader.nextAstring().toUpperCase(Locale.ROOT);
            if (!CHARSETS.contains(charset)) {
                throw ImapCommandException.no(ResponseCode.badCharset(CHARSETS), "Unsupported charset");
            }
        }
        SearchKey key = SearchParser.parseAll(reader);
        boolean modseq = SearchParser.usesModseq(key);
        if (modseq) {
            session.enableCondstore();
        }
        if (returns == null && session.imap4rev2Enabled()) {
            returns = Set.of("ALL");
        }
        SelectedMailbox selected = session.selected();
        SearchEvaluator evaluator = new SearchEvaluator(session.services().messages(), session.services().structures());
        List<MessageSummary> found = evaluator.search(selected, key);
        List<Long> numbers = new ArrayList<>(found.size());
        for (MessageSummary m : found) {
            numbers.add(uidCommand ? m.uid() : selected.sequenceOf(m.uid()));
        }
        if (save) {
            selected.saveSearchResult(saved(found, returns));
        }
        if (returns == null) {
            var line = session.out().untagged().atom("SEARCH");
            numbers.forEach(line::number);
            if (modseq && !numbers.isEmpty()) {
                line.openList().atom("MODSEQ").number(highestModseq(found)).closeList();
            }
            line.end();
        } else if (!returns.isEmpty()) {
            // RFC 5182 1: SAVE alone suppresses the ESEARCH response.
            writeEsearch(session, request.tag(), uidCommand, returns, numbers, modseq ? highestModseq(returned(found, returns)) : 0);
        }
        return Completion.ok((uidCommand ? "UID " : "") + "SEARCH completed" + (save ? ", result saved" : ""));
    }

    /** RFC 4731 3.1: the requested result items; MODSEQ (RFC 7162 3.1.5) when {@code highestModseq} is not 0. */
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
                line.atom("ALL").sequenceSet(SequenceSet.of(numbers));
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
     * RFC 7162 3.1.5, RFC 4731 3.2: the messages whose data the ESEARCH response returns, over which its
     * MODSEQ is the highest: every match for ALL or COUNT, otherwise just the MIN and/or MAX one.
     */
    private static List<MessageSummary> returned(List<MessageSummary> found, Set<String> returns) {
        if (found.isEmpty() || returns.contains("ALL") || returns.contains("COUNT")) {
            return found;
        }
        List<MessageSummary> ends = new ArrayList<>(2);
        if (returns.contains("MIN")) {
            ends.add(found.getFirst());
        }
        if (returns.contains("MAX")) {
            ends.add(found.getLast());
        }
        return ends;
    }

    private static long highestModseq(List<MessageSummary> messages) {
        return messages.stream().mapToLong(MessageSummary::modseq).max().orElse(0);
    }

    /**
     * RFC 5182 2.4: with MIN and/or MAX and neither ALL nor COUNT, {@code $} holds just the messages
     * returned as MIN/MAX; otherwise every message found.
     */
    private static UidSet saved(List<MessageSummary> found, Set<String> returns) {
        if (found.isEmpty() || returns.contains("ALL") || returns.contains("COUNT")
                || !(returns.contains("MIN") || returns.contains("MAX"))) {
            return UidSet.of(found.stream().map(MessageSummary::uid).toList());
        }
        List<Long> uids = new ArrayList<>(2);
        if (returns.contains("MIN")) {
            uids.add(found.getFirst().uid());
        }
        if (returns.contains("MAX")) {
            uids.add(found.getLast().uid());
        }
        return UidSet.of(uids);
    }
}
