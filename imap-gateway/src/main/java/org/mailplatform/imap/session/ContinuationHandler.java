package org.mailplatform.imap.session;

/** Receives the client line that answers a continuation request (AUTHENTICATE, IDLE). */
@FunctionalInterface
public interface ContinuationHandler {

    void onLine(byte[] line);
}
