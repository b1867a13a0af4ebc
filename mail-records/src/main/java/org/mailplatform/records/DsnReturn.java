package org.mailplatform.records;

/** RFC 3461 4.3: RET on MAIL FROM, how much of the message a failure DSN returns. */
public enum DsnReturn {
    /** The whole message. */
    FULL,
    /** Only the header section. */
    HDRS
}
