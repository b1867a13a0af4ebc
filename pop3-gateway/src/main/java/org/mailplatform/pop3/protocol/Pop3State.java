package org.mailplatform.pop3.protocol;

/** RFC 1939 3: the states a POP3 session passes through. */
public enum Pop3State {
    /** Until the client has identified itself (RFC 1939 4). */
    AUTHORIZATION,
    /** Maildrop locked and open (RFC 1939 5). */
    TRANSACTION,
    /** After QUIT in TRANSACTION: deleted messages are removed, then the connection closes (RFC 1939 6). */
    UPDATE
}
