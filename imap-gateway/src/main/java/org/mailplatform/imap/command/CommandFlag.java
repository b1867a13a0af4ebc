package org.mailplatform.imap.command;

/** What the dispatcher must know about a command beyond its allowed states. */
public enum CommandFlag {
    /**
     * Addresses messages by sequence number: while it runs, no EXPUNGE (or VANISHED) may be sent,
     * because the client could not tell which numbers it meant (RFC 3501 7.4.1, RFC 9051 7.5.1).
     */
    USES_SEQUENCE_NUMBERS,
    /** Needs no mailbox update before its completion (the connection is going away or changing). */
    NO_UPDATES
}
