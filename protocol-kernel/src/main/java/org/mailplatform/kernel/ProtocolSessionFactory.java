package org.mailplatform.kernel;

/** Creates the protocol session of each accepted connection and supplies the replies the kernel sends itself. */
public interface ProtocolSessionFactory {

    /**
     * A new session for an accepted connection; runs on the connection's session thread (it may block),
     * and {@link ProtocolSession#onConnect()} follows.
     */
    ProtocolSession open(SessionContext context);

    /**
     * Sent before closing a connection over the per-address or global connection limit, e.g.
     * {@code 421 4.7.0 Too many connections\r\n} (RFC 5321 §3.8), {@code * BYE Too many connections\r\n}
     * (RFC 9051 §7.1.5) or {@code -ERR [SYS/TEMP] Too many connections\r\n} (RFC 3206).
     */
    byte[] tooManyConnectionsReply();

    /**
     * Sent before closing a connection whose session threw, e.g. {@code 421 4.3.0 Internal error\r\n}.
     * Never carries exception text. Empty to close silently.
     */
    default byte[] internalErrorReply() {
        return new byte[0];
    }
}
