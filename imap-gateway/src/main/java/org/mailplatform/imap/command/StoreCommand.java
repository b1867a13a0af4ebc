package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.response.FlagNames;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.FlagUpdate;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.StoreFlagsResult;
import org.mailplatform.store.message.UidSet;

/**
 * STORE and UID STORE: RFC 9051 6.4.6, with UNCHANGEDSINCE and the MODIFIED response code
 * (RFC 7162 3.1.3). The whole set is changed in one statement; each changed message is reported
 * with its new flags unless .SILENT, and with its MODSEQ once CONDSTORE is in use.
 */
final class StoreCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("STORE", "UID STORE");
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
        OptionalLong unchangedSince = OptionalLong.empty();
        if (reader.peekIsList()) {
            ImapArgReader modifiers = reader.nextList();
            while (modifiers.hasNext()) {
                String modifier = modifiers.nextKeyword();
                if (!modifier.equals("UNCHANGEDSINCE")) {
                    throw new ImapSyntaxException("Unknown STORE modifier");
                }
                unchangedSince = OptionalLong.of(modifiers.nextNumber64());
            }
        }
        String item = reader.nextAtom().toUpperCase(Locale.ROOT);
        List<String> flags = reader.flagsToEnd();
        boolean silent = item.endsWith(".SILENT");
        String base = silent ? item.substring(0, item.length() - ".SILENT".length()) : item;
        MessageFlags stored;
        try {
            stored = FlagNames.toStore(flags);
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.bad(e.getMessage());
        }
        FlagChange change = switch (base) {
            case "FLAGS" -> FlagChange.replace(stored);
            case "+FLAGS" -> FlagChange.add(stored);
            case "-FLAGS" -> FlagChange.remove(stored);
            default -> throw new ImapSyntaxException("Expected FLAGS, +FLAGS or -FLAGS");
        };
        SelectedMailbox selected = session.selected();
        if (selected.readOnly()) {
            throw ImapCommandException.no(ResponseCode.CANNOT, "Mailbox is read-only");
        }
        if (unchangedSince.isPresent()) {
            session.enableCondstore();
        }
        UidSet uids = Sequences.resolve(selected, set, uidCommand);
        StoreFlagsResult result = session.services().messages().storeFlags(selected.id(), uids, change, unchangedSince);
        // Every message the statement changed is reported below (or counts as known with .SILENT, whose
        // client knows what it set), so the completion need not read the store again.
        selected.changedByCommand(Modseqs.before(result), result.highestModseq());
        List<Long> changed = new ArrayList<>();
        session.announceKeywords(result.updated().stream().map(FlagUpdate::flags).toList());
        for (FlagUpdate update : result.updated()) {
            int seq = selected.sequenceOf(update.uid());
            if (seq == 0) {
                continue;
            }
            changed.add(update.uid());
            selected.reported(update.uid(), update.modseq());
            // RFC 7162 3.1.3: with CONDSTORE in use even .SILENT reports the new MODSEQ.
            if (silent && !session.condstoreEnabled()) {
                continue;
            }
            var line = session.out().untagged().number(seq).atom("FETCH").openList();
            if (uidCommand) {
                line.atom("UID").number(update.uid());
            }
            if (!silent) {
                line.atom("FLAGS").flags(selected.flagNames(update.uid(), update.flags()));
            }
            if (session.condstoreEnabled()) {
                line.atom("MODSEQ").openList().number(update.modseq()).closeList();
            }
            line.closeList().end();
        }
        session.services().changes().messages(MailboxEventKind.FLAGS_CHANGED, session.accountName(), selected.id(),
                selected.uidValidity(), changed, result.highestModseq(), session);
        String done = (uidCommand ? "UID " : "") + "STORE completed";
        List<Long> modified = new ArrayList<>();
        for (long uid : result.modified()) {
            int seq = selected.sequenceOf(uid);
            if (seq > 0) {
                modified.add(uidCommand ? uid : seq);
            }
        }
        if (!modified.isEmpty()) {
            return Completion.ok(ResponseCode.modified(SequenceSet.of(modified)), "Conditional STORE failed for some");
        }
        return Completion.ok(done);
    }
}
