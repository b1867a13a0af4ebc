package org.mailplatform.imap.sort;

import java.util.List;

import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.store.MessageStructures;
import org.mailplatform.message.MessageParser;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;

/** {@link SortableMessages} with a chosen batch size, for tests outside the package. */
public final class SortableMessagesProbe {

    private SortableMessagesProbe() {
    }

    public static List<SortableMessage> load(MessageRepository messages, int batch, SelectedMailbox mailbox,
                                             List<MessageSummary> found) {
        return new SortableMessages(messages, new MessageStructures(new MessageParser()), batch)
                .load(mailbox, found, true, true);
    }
}
