package org.mailplatform.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message the load sends, with a Message-ID of its own: through which door, from whom, to
 * which local mailboxes, and (submissions only) a remote recipient whose server refuses it, which
 * must come back to the sender as exactly one DSN.
 */
record TestMail(int index, String messageId, Route route, String from, List<String> localRecipients,
                Optional<String> refusedRecipient) {

    /** Where the message enters the platform. */
    enum Route {
        /** MSA, port 587 with STARTTLS and AUTH, as a mail client submits. */
        SUBMISSION,
        /** MTA, port 25, as another mail server transfers. */
        TRANSFER
    }

    TestMail {
        localRecipients = List.copyOf(localRecipients);
    }

    List<String> allRecipients() {
        List<String> all = new ArrayList<>(localRecipients);
        refusedRecipient.ifPresent(all::add);
        return all;
    }
}
