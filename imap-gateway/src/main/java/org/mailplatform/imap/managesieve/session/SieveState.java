package org.mailplatform.imap.managesieve.session;

/** RFC 5804 2: a connection is non-authenticated until AUTHENTICATE succeeds, and again after UNAUTHENTICATE. */
public enum SieveState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    LOGOUT
}
