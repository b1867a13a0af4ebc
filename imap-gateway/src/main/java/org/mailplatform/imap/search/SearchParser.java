package org.mailplatform.imap.search;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.imap.protocol.CommandLimits;
import org.mailplatform.imap.protocol.ImapArg;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapFlags;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.store.message.SystemFlag;

/**
 * Reads search keys (RFC 9051 6.4.4 / RFC 3501 6.4.4 {@code search-key}, RFC 7162 MODSEQ) into a
 * {@link SearchKey} tree. Every key is tested against every message, and NOT and OR nest without
 * parentheses (so the reader's list depth does not bound them): the number of keys and their
 * nesting are bounded here ({@link CommandLimits}).
 */
public final class SearchParser {

    private int keys;

    private SearchParser() {
    }

    /** All remaining arguments, ANDed. */
    public static SearchKey parseAll(ImapArgReader reader) throws ImapSyntaxException {
        return new SearchParser().all(reader, 0);
    }

    private SearchKey all(ImapArgReader reader, int depth) throws ImapSyntaxException {
        List<SearchKey> keys = new ArrayList<>();
        while (reader.hasNext()) {
            keys.add(key(reader, depth));
        }
        if (keys.isEmpty()) {
            throw new ImapSyntaxException("Missing search criteria");
        }
        return keys.size() == 1 ? keys.getFirst() : new SearchKey.And(keys);
    }

    private SearchKey key(ImapArgReader reader, int depth) throws ImapSyntaxException {
        if (++keys > CommandLimits.MAX_SEARCH_KEYS) {
            throw CommandLimits.exceeded("Too many search keys");
        }
        if (depth >= CommandLimits.MAX_SEARCH_DEPTH) {
            throw CommandLimits.exceeded("Search keys nested too deeply");
        }
        if (reader.peekIsList()) {
            return all(reader.nextList(), depth + 1);
        }
        if (!(reader.peek() instanceof ImapArg.Atom atom)) {
            throw new ImapSyntaxException("Expected a search key");
        }
        char first = atom.text().isEmpty() ? ' ' : atom.text().charAt(0);
        if (Character.isDigit(first) || first == '*' || first == '$') {
            return new SearchKey.Sequence(reader.nextSequenceSet());
        }
        String name = reader.nextKeyword();
        return switch (name) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.Flag(SystemFlag.ANSWERED, true);
            case "DELETED" -> new SearchKey.Flag(SystemFlag.DELETED, true);
            case "DRAFT" -> new SearchKey.Flag(SystemFlag.DRAFT, true);
            case "FLAGGED" -> new SearchKey.Flag(SystemFlag.FLAGGED, true);
            case "SEEN" -> new SearchKey.Flag(SystemFlag.SEEN, true);
            case "UNANSWERED" -> new SearchKey.Flag(SystemFlag.ANSWERED, false);
            case "UNDELETED" -> new SearchKey.Flag(SystemFlag.DELETED, false);
            case "UNDRAFT" -> new SearchKey.Flag(SystemFlag.DRAFT, false);
            case "UNFLAGGED" -> new SearchKey.Flag(SystemFlag.FLAGGED, false);
            case "UNSEEN" -> new SearchKey.Flag(SystemFlag.SEEN, false);
            case "RECENT" -> new SearchKey.Recent();
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.Flag(SystemFlag.SEEN, false)));
            case "OLD" -> new SearchKey.Not(new SearchKey.Recent());
            case "KEYWORD" -> new SearchKey.Keyword(ImapFlags.parse(reader.nextAtom()), true);
            case "UNKEYWORD" -> new SearchKey.Keyword(ImapFlags.parse(reader.nextAtom()), false);
            case "BEFORE" -> new SearchKey.Received(SearchKey.DateTest.BEFORE, reader.nextDate());
            case "ON" -> new SearchKey.Received(SearchKey.DateTest.ON, reader.nextDate());
            case "SINCE" -> new SearchKey.Received(SearchKey.DateTest.SINCE, reader.nextDate());
            case "SENTBEFORE" -> new SearchKey.Sent(SearchKey.DateTest.BEFORE, reader.nextDate());
            case "SENTON" -> new SearchKey.Sent(SearchKey.DateTest.ON, reader.nextDate());
            case "SENTSINCE" -> new SearchKey.Sent(SearchKey.DateTest.SINCE, reader.nextDate());
            case "LARGER" -> new SearchKey.Size(true, reader.nextNumber64());
            case "SMALLER" -> new SearchKey.Size(false, reader.nextNumber64());
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> new SearchKey.Header(name, reader.nextAstring());
            case "HEADER" -> new SearchKey.Header(reader.nextAstring(), reader.nextAstring());
            case "BODY" -> new SearchKey.Body(reader.nextAstring());
            case "TEXT" -> new SearchKey.Text(reader.nextAstring());
            case "UID" -> new SearchKey.Uid(reader.nextSequenceSet());
            case "NOT" -> new SearchKey.Not(key(reader, depth + 1));
            case "OR" -> new SearchKey.Or(key(reader, depth + 1), key(reader, depth + 1));
            case "MODSEQ" -> modseq(reader);
            default -> throw new ImapSyntaxException("Unknown search key " + shorten(name));
        };
    }

    /** RFC 7162 3.1.5: MODSEQ [entry-name entry-type-req] mod-sequence-valzer; the entry is not used. */
    private static SearchKey modseq(ImapArgReader reader) throws ImapSyntaxException {
        if (!(reader.peek() instanceof ImapArg.Atom a && a.text().chars().allMatch(Character::isDigit))) {
            reader.nextString();
            String type = reader.nextKeyword();
            if (!List.of("PRIV", "SHARED", "ALL").contains(type)) {
                throw new ImapSyntaxException("Invalid MODSEQ entry type");
            }
        }
        return new SearchKey.ModSeq(reader.nextNumber64());
    }

    /** Whether a MODSEQ criterion occurs, which adds (MODSEQ n) to the result (RFC 7162 3.1.5). */
    public static boolean usesModseq(SearchKey key) {
        return switch (key) {
            case SearchKey.ModSeq m -> true;
            case SearchKey.Not n -> usesModseq(n.key());
            case SearchKey.Or o -> usesModseq(o.left()) || usesModseq(o.right());
            case SearchKey.And a -> a.keys().stream().anyMatch(SearchParser::usesModseq);
            default -> false;
        };
    }

    static boolean any(SearchKey key, Class<? extends SearchKey> type) {
        if (type.isInstance(key)) {
            return true;
        }
        return switch (key) {
            case SearchKey.Not n -> any(n.key(), type);
            case SearchKey.Or o -> any(o.left(), type) || any(o.right(), type);
            case SearchKey.And a -> a.keys().stream().anyMatch(k -> any(k, type));
            default -> false;
        };
    }

    private static String shorten(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }

}
