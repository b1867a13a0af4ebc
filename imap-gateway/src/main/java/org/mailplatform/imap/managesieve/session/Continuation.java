package org.mailplatform.imap.managesieve.session;

import java.util.List;

import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.protocol.Token;

/** Takes the client's next string instead of the dispatcher: the answer to an AUTHENTICATE challenge (RFC 5804 2.1). */
@FunctionalInterface
public interface Continuation {

    /** {@code response} is what the client sent: one string when it follows the protocol. */
    void onResponse(ManageSieveSession session, List<Token> response) throws SieveError;

    /** The exchange ends unanswered (a malformed or over-long response). */
    default void abandon() {
    }
}
