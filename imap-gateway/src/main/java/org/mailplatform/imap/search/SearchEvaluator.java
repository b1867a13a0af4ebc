package org.mailplatform.imap.search;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.store.MessageStructures;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.UidSet;

/**
 * Runs a search over the messages the session knows, with a fixed number of queries whatever the
 * mailbox size: the metadata of all messages in one (with the parsed structure only when a
 * SENT* key needs the Date header), the header sections in one when a header key is used, and one
 * text query per distinct BODY/TEXT string. BODY (the text parts) and TEXT (header and text
 * parts) match substrings of the decoded text, ignoring case (RFC 3501 6.4.4), as header keys do.
 */
public final class SearchEvaluator {

    private final MessageRepository messages;
    private final MessageStructures structures;

    public SearchEvaluator(MessageRepository messages, MessageStructures structures) {
        this.messages = messages;
        this.structures = structures;
    }

    /** The matching messages, ascending by UID. */
    public List<MessageSummary> search(SelectedMailbox mailbox, SearchKey key) {
        boolean needSent = SearchParser.any(key, SearchKey.Sent.class);
        List<MessageSummary> all = messages.summaries(mailbox.id(), mailbox.all(), needSent);
        Context context = new Context(mailbox, all.isEmpty() ? Map.of()
                : SearchParser.any(key, SearchKey.Header.class) || SearchParser.any(key, SearchKey.Text.class)
                ? messages.headerSections(mailbox.id(), mailbox.all()) : Map.of());
        List<MessageSummary> result = new ArrayList<>();
        for (MessageSummary m : all) {
            int seq = mailbox.sequenceOf(m.uid());
            if (seq == 0 || mailbox.isExpunged(m.uid())) {
                continue;
            }
            if (matches(key, m, seq, context)) {
                result.add(m);
            }
        }
        return result;
    }

    private final class Context {
        final SelectedMailbox mailbox;
        final Map<Long, byte[]> headers;
        final Map<Long, List<HeaderFields.Field>> fields = new HashMap<>();
        final Map<String, Set<Long>> textMatches = new HashMap<>();
        final Map<String, Set<Long>> bodyMatches = new HashMap<>();
        private UidSet saved;

        Context(SelectedMailbox mailbox, Map<Long, byte[]> headers) {
            this.mailbox = mailbox;
            this.headers = headers;
        }

        List<HeaderFields.Field> fields(long uid) {
            return fields.computeIfAbsent(uid, u -> {
                byte[] header = headers.get(u);
                return header == null ? List.of() : HeaderFields.parse(header);
            });
        }

        /** {@code $} in a search key: the saved result, as UIDs in both SEARCH and UID SEARCH (RFC 5182 2.1). */
        UidSet saved() {
            if (saved == null) {
                saved = mailbox.savedSearchResult();
            }
            return saved;
        }

        boolean textMatches(long uid, String text) {
            return textMatches.computeIfAbsent(text, t -> new HashSet<>(messages.searchText(mailbox.id(), t))).contains(uid);
        }

        boolean bodyMatches(long uid, String text) {
            return bodyMatches.computeIfAbsent(text, t -> new HashSet<>(messages.searchBody(mailbox.id(), t))).contains(uid);
        }
    }

    private boolean matches(SearchKey key, MessageSummary m, int seq, Context c) {
        return switch (key) {
            case SearchKey.All a -> true;
            case SearchKey.Recent r -> c.mailbox.isRecent(m.uid());
            case SearchKey.Flag f -> m.flags().has(f.flag()) == f.set();
            case SearchKey.Keyword k -> m.flags().keywords().stream().anyMatch(w -> w.equalsIgnoreCase(k.keyword())) == k.set();
            case SearchKey.Sequence s -> s.set().isSearchResult() ? c.saved().contains(m.uid())
                    : s.set().contains(seq, c.mailbox.exists());
            case SearchKey.Uid u -> u.set().isSearchResult() ? c.saved().contains(m.uid())
                    : u.set().contains(m.uid(), c.mailbox.lastUid());
            case SearchKey.Not n -> !matches(n.key(), m, seq, c);
            case SearchKey.Or o -> matches(o.left(), m, seq, c) || matches(o.right(), m, seq, c);
            case SearchKey.And a -> a.keys().stream().allMatch(k -> matches(k, m, seq, c));
            case SearchKey.Received r -> test(r.test(), m.internalDate().atOffset(ZoneOffset.UTC).toLocalDate(), r.date());
            case SearchKey.Sent s -> {
                ParsedMessage parsed = structures.parsed(m, () -> messages.content(c.mailbox.id(), m.uid()).orElseThrow());
                yield parsed.sentDay() != null && test(s.test(), parsed.sentDay(), s.date());
            }
            case SearchKey.Size s -> s.larger() ? m.size() > s.octets() : m.size() < s.octets();
            case SearchKey.Header h -> HeaderFields.matches(c.fields(m.uid()), h.field(), h.value());
            case SearchKey.Body b -> b.text().isBlank() || c.bodyMatches(m.uid(), b.text());
            case SearchKey.Text t -> t.text().isBlank() || HeaderFields.anyContains(c.fields(m.uid()), t.text())
                    || c.textMatches(m.uid(), t.text());
            case SearchKey.ModSeq q -> m.modseq() >= q.modseq();
        };
    }

    /** RFC 9051 6.4.4: dates compare by day, disregarding time and timezone. */
    private static boolean test(SearchKey.DateTest test, LocalDate day, LocalDate date) {
        return switch (test) {
            case BEFORE -> day.isBefore(date);
            case ON -> day.isEqual(date);
            case SINCE -> !day.isBefore(date);
        };
    }
}
