package org.mailplatform.imap.command;

import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.store.message.UidSet;

/** Client sequence sets resolved against the session's sequence map. */
final class Sequences {

    private Sequences() {
    }

    /**
     * {@code $} is the saved search result (RFC 5182 2.1), an empty one being a valid set that
     * matches nothing.
     *
     * @throws ImapCommandException BAD for a sequence number not in use (RFC 9051 6.4)
     */
    static UidSet resolve(SelectedMailbox selected, SequenceSet set, boolean uid) throws ImapCommandException {
        if (set.isSearchResult()) {
            return selected.savedSearchResult();
        }
        try {
            return selected.resolve(set, uid);
        } catch (IllegalArgumentException e) {
            throw ImapCommandException.bad(e.getMessage());
        }
    }
}
