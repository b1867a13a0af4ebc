package org.mailplatform.kernel;

/** How a listener uses TLS. */
public enum TlsMode {
    /** Plaintext only; the session cannot start TLS. */
    NONE,
    /** Plaintext first, upgraded by the protocol's STARTTLS/STLS command (RFC 3207, RFC 2595, RFC 9051 §6.2.1). */
    STARTTLS,
    /** TLS from the first byte (RFC 8314 §3). */
    IMPLICIT
}
