package org.mailplatform.imap.protocol;

/** Status response conditions: RFC 9051 7.1, RFC 3501 7.1. */
public enum ImapStatus {
    OK,
    NO,
    BAD,
    PREAUTH,
    BYE
}
