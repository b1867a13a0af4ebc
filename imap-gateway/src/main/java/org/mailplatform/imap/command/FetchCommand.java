package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.mailplatform.imap.fetch.ContentPrefetch;
import org.mailplatform.imap.fetch.FetchItem;
import org.mailplatform.imap.fetch.FetchItems;
import org.mailplatform.imap.fetch.MessageFetcher;
import org.mailplatform.imap.fetch.UnknownEncodingException;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.FlagUpdate;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageSummaries;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.StoreFlagsResult;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;

/**
 * FETCH and UID FETCH: RFC 9051 6.4.5 / 6.4.9, RFC 3501 6.4.5, BINARY (RFC 3516), the CHANGEDSINCE
 * and VANISHED modifiers (RFC 7162 3.1.4, 3.2.6). The metadata of the whole set comes from one
 * query, small message bodies a batch per query ({@link ContentPrefetch}); \Seen is set for all
 * non-PEEK body fetches in one statement first, and the changed flags are reported with the data
 * (RFC 9051 6.4.5).
 */
final class FetchCommand implements ImapCommand {

    /** Messages read from the store at a time. */
    static final int BATCH = 500;

    @Override
    public Set<String> names() {
        return Set.of("FETCH", "UID FETCH");
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
        SequenceSet set = reader.nextSequenceSet();
        List<FetchItem> items = new ArrayList<>(FetchItems.parse(reader));
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        if (reader.peekIsList()) {
            ImapArgReader modifiers = reader.nextList();
            while (modifiers.hasNext()) {
                switch (modifiers.nextKeyword()) {
                    case "CHANGEDSINCE" -> changedSince = OptionalLong.of(modifiers.nextNumber64());
                    case "VANISHED" -> vanished = true;
                    default -> throw new ImapSyntaxException("Unknown FETCH modifier");
                }
            }
        }
        reader.end();
        // RFC 7162 3.2.6: VANISHED only in UID FETCH with CHANGEDSINCE, once QRESYNC is enabled.
        if (vanished && (!uidCommand || changedSince.isEmpty() || !session.qresyncEnabled())) {
            throw ImapCommandException.bad("VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC");
        }
        SelectedMailbox selected = session.selected();
        UidSet uids = Sequences.resolve(selected, set, uidCommand);
        boolean modseqWanted = items.stream().anyMatch(i -> i instanceof FetchItem.ModSeq) || changedSince.isPresent();
        if (modseqWanted) {
            session.enableCondstore();
        }
        if (uidCommand && items.stream().noneMatch(i -> i instanceof FetchItem.Uid)) {
            // RFC 9051 6.4.9: UID FETCH responses always carry the UID.
            items.addFirst(new FetchItem.Uid());
        }
        if (changedSince.isPresent() && items.stream().noneMatch(i -> i instanceof FetchItem.ModSeq)) {
            items.add(new FetchItem.ModSeq());
        }
        Set<Long> seenNow = markSeen(session, selected, uids, items);
        if (vanished) {
            List<Long> gone = session.services().messages().expungedSince(selected.id(), changedSince.getAsLong(), uids);
            if (!gone.isEmpty()) {
                session.out().untagged().atom("VANISHED").openList().atom("EARLIER").closeList()
                        .sequenceSet(SequenceSet.of(gone)).end();
            }
        }
        boolean needStructure = items.stream().anyMatch(FetchItem::needsStructure);
        boolean flagsListed = items.stream().anyMatch(i -> i instanceof FetchItem.Flags);
        MessageFetcher fetcher = new MessageFetcher(session.services().messages(), session.services().structures());
        // In batches: what one batch reads (summaries with their structures, header sections) is bounded,
        // however large the mailbox a client asks for with 1:*.
        long[] known = selected.knownUids(uids);
        for (int from = 0; from < known.length; from += BATCH) {
            UidSet batch = UidSet.of(Arrays.copyOfRange(known, from, Math.min(known.length, from + BATCH)));
            MessageSummaries read = session.services().messages().summariesWithHighest(selected.id(), batch,
                    changedSince.orElse(0), needStructure);
            if (from == 0 && read.highestModseq() >= 0 && read.highestModseq() == selected.syncedModseq()) {
                // Nothing the session has not seen had committed when these were read: the completion
                // need not look again (RFC 9051 7.4 lets the server choose when it reports changes).
                selected.checkedByCommand();
            }
            List<MessageSummary> summaries = read.messages();
            // A client's header download (e.g. HEADER.FIELDS of every message) costs one query a batch, not one per message.
            Map<Long, byte[]> headers = MessageFetcher.onlyHeaderSections(items) && summaries.size() > 1
                    ? session.services().messages().headerSections(selected.id(), batch) : Map.of();
            // Message bodies: small ones are read a batch per query, not one query each.
            ContentPrefetch contents = items.stream().anyMatch(FetchItem::needsContent) && headers.isEmpty()
                    ? new ContentPrefetch(session.services().messages(), selected.id(), summaries) : null;
            if (flagsListed || !seenNow.isEmpty()) {
                session.announceKeywords(summaries.stream().map(MessageSummary::flags).toList());
            }
            writeBatch(session, selected, items, summaries, seenNow, flagsListed, fetcher, headers, contents);
        }
        return Completion.ok((uidCommand ? "UID " : "") + "FETCH completed");
    }

    /** RFC 9051 6.4.5: BODY[...] without PEEK (and RFC822, RFC822.TEXT, BINARY[...]) sets \Seen. */
    private static Set<Long> markSeen(ImapSession session, SelectedMailbox selected, UidSet uids, List<FetchItem> items) {
        boolean setsSeen = items.stream().anyMatch(i -> i instanceof FetchItem.Section s && s.setsSeen());
        if (!setsSeen || selected.readOnly() || uids.isEmpty()) {
            return Set.of();
        }
        StoreFlagsResult result = session.services().messages().storeFlags(selected.id(), uids,
                FlagChange.add(MessageFlags.of(SystemFlag.SEEN)), OptionalLong.empty());
        // Each message given \Seen here is in this FETCH's responses with its FLAGS (RFC 9051 6.4.5).
        selected.changedByCommand(Modseqs.before(result), result.highestModseq());
        Set<Long> changed = new HashSet<>();
        for (FlagUpdate update : result.updated()) {
            changed.add(update.uid());
        }
        if (!changed.isEmpty()) {
            session.services().changes().messages(MailboxEventKind.FLAGS_CHANGED, session.accountName(), selected.id(),
                    selected.uidValidity(), List.copyOf(changed), result.highestModseq(), session);
        }
        return changed;
    }

    private static void writeBatch(ImapSession session, SelectedMailbox selected, List<FetchItem> items,
                                   List<MessageSummary> summaries, Set<Long> seenNow, boolean flagsListed,
                                   MessageFetcher fetcher, Map<Long, byte[]> headers, ContentPrefetch contents)
            throws ImapCommandException {
        try {
            for (MessageSummary summary : summaries) {
                int seq = selected.sequenceOf(summary.uid());
                if (seq == 0 || selected.isExpunged(summary.uid())) {
                    continue;
                }
                List<FetchItem> these = items;
                if (!flagsListed && seenNow.contains(summary.uid())) {
                    these = new ArrayList<>(items);
                    these.add(new FetchItem.Flags());
                }
                boolean showsFlags = these.stream().anyMatch(i -> i instanceof FetchItem.Flags);
                if (showsFlags && session.condstoreEnabled() && these.stream().noneMatch(i -> i instanceof FetchItem.ModSeq)) {
                    these = new ArrayList<>(these);
                    these.add(new FetchItem.ModSeq());
                }
                if (fetcher.write(session.out(), selected, seq, summary, these, headers.get(summary.uid()), contents)
                        && showsFlags) {
                    selected.reported(summary.uid(), summary.modseq());
                }
                session.send();
            }
        } catch (UnknownEncodingException e) {
            throw ImapCommandException.no(ResponseCode.UNKNOWN_CTE, e.getMessage());
        }
    }
}
