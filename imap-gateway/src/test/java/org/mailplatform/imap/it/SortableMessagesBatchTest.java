package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.sort.SortableMessage;
import org.mailplatform.imap.sort.SortableMessagesProbe;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.UidSet;

/** SortableMessages reads in batches: every message is loaded once, in order, across batch boundaries. */
class SortableMessagesBatchTest extends ImapTestBase {

    @Test
    void batchesCoverEveryMessageInOrder() {
        Account account = newAccount();
        for (int i = 1; i <= 5; i++) {
            deliver(account, "Message-ID: <m" + i + "@remote.test>\r\nReferences: <m" + (i - 1) + "@remote.test>\r\n"
                    + "From: sender" + i + "@remote.test\r\nSubject: Re: number " + i + "\r\n\r\nbody\r\n");
        }
        Mailbox inbox = mailboxes.find(account.id(), "INBOX").orElseThrow();
        long[] uids = messages.uids(inbox.id());
        SelectedMailbox selected = new SelectedMailbox(inbox, true, uids, new long[uids.length], 0);
        var found = messages.summaries(inbox.id(), UidSet.all(), false);
        for (int batch : new int[] {1, 2, 5, 7}) {
            List<SortableMessage> loaded = SortableMessagesProbe.load(messages, batch, selected, found);
            assertThat(loaded).extracting(SortableMessage::sequence).as("batch " + batch).containsExactly(1, 2, 3, 4, 5);
            assertThat(loaded).extracting(m -> m.subject().text()).as("batch " + batch)
                    .containsExactly("number 1", "number 2", "number 3", "number 4", "number 5");
            assertThat(loaded).extracting(SortableMessage::from).as("batch " + batch)
                    .containsExactly("SENDER1", "SENDER2", "SENDER3", "SENDER4", "SENDER5");
            assertThat(loaded).extracting(SortableMessage::references).as("batch " + batch)
                    .containsExactly(List.of("m0@remote.test"), List.of("m1@remote.test"), List.of("m2@remote.test"),
                            List.of("m3@remote.test"), List.of("m4@remote.test"));
        }
    }
}
