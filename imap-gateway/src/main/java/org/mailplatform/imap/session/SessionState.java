package org.mailplatform.imap.session;

/** The connection states of RFC 9051 3 (RFC 3501 3). */
public enum SessionState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
