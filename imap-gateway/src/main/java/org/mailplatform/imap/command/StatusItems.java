package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxStatus;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;

/**
 * The STATUS data items (RFC 9051 6.3.11, RFC 8438 SIZE, RFC 7162 HIGHESTMODSEQ, RFC 9208
 * DELETED-STORAGE), for STATUS and LIST-STATUS.
 */
final class StatusItems {

    private static final List<String> KNOWN = List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN",
            "DELETED", "SIZE", "HIGHESTMODSEQ", "DELETED-STORAGE");

    private StatusItems() {
    }

    static List<String> parse(ImapArgReader list) throws ImapSyntaxException {
        List<String> items = new ArrayList<>();
        if (!list.hasNext()) {
            throw new ImapSyntaxException("No status items");
        }
        while (list.hasNext()) {
            String item = list.nextKeyword();
            if (!KNOWN.contains(item)) {
                throw new ImapSyntaxException("Unknown status item " + item);
            }
            items.add(item);
        }
        return items;
    }

    static void write(ImapSession session, Mailbox mailbox, List<String> items) {
        if (items.contains("HIGHESTMODSEQ")) {
            // RFC 7162 3.1: STATUS HIGHESTMODSEQ is a CONDSTORE-enabling command.
            session.enableCondstore();
        }
        MailboxStatus status = session.services().mailboxes().status(mailbox.id());
        var line = session.out().untagged().atom("STATUS").mailbox(mailbox.name()).openList();
        for (String item : items) {
            line.atom(item).number(switch (item) {
                case "MESSAGES" -> status.messages();
                case "RECENT" -> status.recent();
                case "UIDNEXT" -> status.uidNext();
                case "UIDVALIDITY" -> status.uidValidity();
                case "UNSEEN" -> status.unseen();
                case "DELETED" -> status.deleted();
                case "SIZE" -> status.sizeBytes();
                case "HIGHESTMODSEQ" -> status.highestModseq();
                case "DELETED-STORAGE" -> deletedStorage(session, mailbox);
                default -> throw new IllegalStateException(item);
            });
        }
        line.closeList().end();
    }

    /**
     * RFC 9208 4.1.4: what an EXPUNGE would free, here the sum of the RFC822.SIZE of the messages
     * with \Deleted (octets, like STATUS SIZE), which is also what the account's usage drops by.
     */
    private static long deletedStorage(ImapSession session, Mailbox mailbox) {
        return session.services().messages().summaries(mailbox.id(), UidSet.all(), false).stream()
                .filter(m -> m.flags().has(SystemFlag.DELETED))
                .mapToLong(MessageSummary::size)
                .sum();
    }
}
