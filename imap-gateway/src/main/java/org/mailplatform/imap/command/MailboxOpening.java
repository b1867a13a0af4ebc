package org.mailplatform.imap.command;

import java.util.List;
import java.util.Optional;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.MailboxFlags;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.MailboxContents;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.UidSet;

/**
 * SELECT and EXAMINE (RFC 9051 6.3.2, 6.3.3; RFC 3501 6.3.1, 6.3.2) with the CONDSTORE and QRESYNC
 * parameters (RFC 7162 3.1.8, 3.2.5): the untagged data that opens a mailbox, then the session's
 * sequence map.
 */
final class MailboxOpening {

    private MailboxOpening() {
    }

    /** What the client already knows of the mailbox (RFC 7162 3.2.5). */
    private record Resync(long uidValidity, long modseq, SequenceSet knownUids) {
    }

    static Completion open(ImapRequest request, ImapSession session, boolean readOnly)
            throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        Optional<String> name = MailboxLookup.nextDecodedName(reader, session);
        Resync resync = null;
        boolean condstore = false;
        if (reader.peekIsList()) {
            ImapArgReader params = reader.nextList();
            while (params.hasNext()) {
                String param = params.nextKeyword();
                switch (param) {
                    case "CONDSTORE" -> condstore = true;
                    case "QRESYNC" -> resync = resync(params.nextList());
                    default -> throw new ImapSyntaxException("Unknown SELECT parameter " + param);
                }
            }
        }
        reader.end();
        if (resync != null && !session.qresyncEnabled()) {
            // RFC 7162 3.2.5: QRESYNC parameters only after ENABLE QRESYNC.
            throw ImapCommandException.bad("QRESYNC is not enabled");
        }
        boolean wasSelected = session.selected() != null;
        session.deselect();
        if (wasSelected && session.qresyncEnabled()) {
            // RFC 7162 3.2.11: the end of the previous mailbox's responses.
            session.out().untagged(ImapStatus.OK, ResponseCode.CLOSED, "Previous mailbox closed");
        }
        if (condstore) {
            session.enableCondstore();
        }
        Mailbox mailbox = MailboxLookup.selectable(session, name);
        // The map, UIDNEXT and HIGHESTMODSEQ from one snapshot: the session has seen all the mailbox
        // held then, so the completion has nothing to read again.
        MailboxContents contents = session.services().messages().contentsForSelect(mailbox.id())
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
        List<MessageSummary> messages = contents.messages();
        long[] uids = new long[messages.size()];
        long[] modseqs = new long[messages.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = messages.get(i).uid();
            modseqs[i] = messages.get(i).modseq();
        }
        SelectedMailbox selected = new SelectedMailbox(mailbox, readOnly, uids, modseqs, contents.highestModseq());
        selected.checkedByCommand();
        selected.newKeywords(messages.stream().map(MessageSummary::flags).toList());
        if (session.recentShown()) {
            markRecent(session, selected, contents.firstRecentUid());
        }

        var out = session.out();
        MailboxFlags.write(out, selected);
        out.untagged().number(uids.length).atom("EXISTS").end();
        if (session.recentShown()) {
            out.untagged().number(selected.recentCount()).atom("RECENT").end();
            long firstUnseen = contents.firstUnseenUid();
            if (firstUnseen > 0 && selected.sequenceOf(firstUnseen) > 0) {
                out.untagged(ImapStatus.OK, ResponseCode.unseen(selected.sequenceOf(firstUnseen)), "First unseen");
            }
        }
        out.untagged(ImapStatus.OK, ResponseCode.uidValidity(contents.uidValidity()), "UIDs valid");
        out.untagged(ImapStatus.OK, ResponseCode.uidNext(contents.uidNext()), "Predicted next UID");
        out.untagged(ImapStatus.OK, ResponseCode.highestModSeq(contents.highestModseq()), "Highest");
        if (session.imap4rev2Enabled()) {
            out.untagged().atom("LIST").openList().closeList().string("/").mailbox(mailbox.name()).end();
        }
        session.select(selected);
        if (resync != null && resync.uidValidity() == mailbox.uidValidity()) {
            writeResync(session, selected, resync);
        }
        String verb = readOnly ? "EXAMINE" : "SELECT";
        return Completion.ok(readOnly ? ResponseCode.READ_ONLY : ResponseCode.READ_WRITE, verb + " completed");
    }

    /**
     * RFC 3501 2.3.2: SELECT claims the messages no session has seen yet, so they are \Recent here
     * and nowhere else; EXAMINE shows them as \Recent without taking them from the next SELECT.
     */
    private static void markRecent(ImapSession session, SelectedMailbox selected, long firstRecentUid) {
        if (firstRecentUid > UidSet.MAX_UID) {
            return;
        }
        if (selected.readOnly()) {
            selected.addRecent(UidSet.range(firstRecentUid, UidSet.MAX_UID));
        } else if (selected.exists() > 0 && firstRecentUid <= selected.lastUid()) {
            selected.addRecent(session.services().mailboxes().claimRecent(selected.id(), selected.lastUid() + 1));
        }
    }

    private static Resync resync(ImapArgReader params) throws ImapSyntaxException {
        long uidValidity = params.nextNzNumber();
        long modseq = params.nextNumber64();
        SequenceSet known = null;
        if (params.hasNext() && !params.peekIsList()) {
            known = params.nextSequenceSet();
            if (known.isSearchResult()) {
                // RFC 5182 2.1: SELECT empties the saved result, so $ names nothing here.
                throw new ImapSyntaxException("$ is not allowed in QRESYNC parameters");
            }
        }
        if (params.peekIsList()) {
            // The sequence match data only helps a server without a record of expunges; this one has one.
            ImapArgReader match = params.nextList();
            match.nextSequenceSet();
            match.nextSequenceSet();
            match.end();
        }
        params.end();
        return new Resync(uidValidity, modseq, known);
    }

    /** RFC 7162 3.2.5.2: VANISHED (EARLIER) for what was removed, FETCH for what changed, since the client's MODSEQ. */
    private static void writeResync(ImapSession session, SelectedMailbox selected, Resync resync) {
        UidSet scope = resync.knownUids() == null ? UidSet.all() : uidScope(resync.knownUids());
        List<Long> vanished = session.services().messages().expungedSince(selected.id(), resync.modseq(), scope);
        if (!vanished.isEmpty()) {
            session.out().untagged().atom("VANISHED").openList().atom("EARLIER").closeList()
                    .sequenceSet(SequenceSet.of(vanished)).end();
        }
        List<MessageSummary> changed = session.services().messages()
                .changedSince(selected.id(), selected.all(), resync.modseq(), false);
        session.announceKeywords(changed.stream().map(MessageSummary::flags).toList());
        for (MessageSummary m : changed) {
            int seq = selected.sequenceOf(m.uid());
            if (seq == 0) {
                continue;
            }
            session.out().untagged().number(seq).atom("FETCH").openList()
                    .atom("UID").number(m.uid())
                    .atom("FLAGS").flags(selected.flagNames(m.uid(), m.flags()))
                    .atom("MODSEQ").openList().number(m.modseq()).closeList()
                    .closeList().end();
        }
    }

    /** The client's known UIDs as written, {@code *} standing for the largest possible UID. */
    private static UidSet uidScope(SequenceSet known) {
        List<UidSet.Range> ranges = known.resolve(UidSet.MAX_UID).stream()
                .map(r -> new UidSet.Range(r.first(), Math.min(r.last(), UidSet.MAX_UID)))
                .toList();
        return UidSet.ofRanges(ranges);
    }
}
