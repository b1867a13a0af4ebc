package org.mailplatform.imap.protocol;

/** Which literal forms from the client the server has advertised. */
public enum LiteralMode {
    /** Only synchronizing literals {@code {n}} (RFC 3501 4.3): {@code {n+}} is refused. */
    SYNCHRONIZING_ONLY,
    /** LITERAL+ (RFC 7888 3): {@code {n+}} of any size up to the configured limits. */
    LITERAL_PLUS,
    /** LITERAL- (RFC 7888 5, part of IMAP4rev2): {@code {n+}} only up to 4096 octets. */
    LITERAL_MINUS;

    /** RFC 7888 5: the largest non-synchronizing literal a LITERAL- server accepts. */
    public static final long LITERAL_MINUS_MAX = 4096;
}
