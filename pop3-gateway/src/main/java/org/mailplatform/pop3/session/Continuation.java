package org.mailplatform.pop3.session;

import org.mailplatform.kernel.Line;
import org.mailplatform.pop3.protocol.Pop3Error;

/** Takes the next client line instead of the command dispatcher: the answer to an AUTH challenge (RFC 5034 4). */
@FunctionalInterface
public interface Continuation {

    void onLine(Pop3Session session, Line line) throws Pop3Error;

    /** The line was too long to be an answer: the exchange ends. */
    default void abandon() {
    }
}
