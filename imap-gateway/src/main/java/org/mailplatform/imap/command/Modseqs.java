package org.mailplatform.imap.command;

import org.mailplatform.store.message.StoreFlagsResult;

/** MODSEQ arithmetic of the store's flag changes, as the commands that report them need it. */
final class Modseqs {

    private Modseqs() {
    }

    /**
     * The mailbox's HIGHESTMODSEQ before a flag change: the changed messages share the MODSEQ one
     * above it (RFC 7162 3.1: a MODSEQ need not be unique per message); a change that changed
     * nothing left it as it was.
     */
    static long before(StoreFlagsResult result) {
        return result.updated().isEmpty() ? result.highestModseq() : result.highestModseq() - 1;
    }
}
