package org.mailplatform.kernel;

/**
 * The protocol side of one connection (an SMTP, POP3 or IMAP session).
 *
 * <p>Threading: every callback runs off the network threads, on a virtual thread, and the callbacks of
 * one session run one at a time in the order their input arrived. A callback may therefore block (JDBC,
 * waiting for a Kafka acknowledgement) without holding up other connections; while it blocks, further
 * input of this connection is buffered and, past a limit, no longer read from the socket. Session state
 * needs no locking as long as it is only touched from callbacks and from tasks given to
 * {@link SessionContext#execute(Runnable)}.
 *
 * <p>Output written in a callback is flushed when the session has consumed all input that arrived so
 * far, or earlier on {@link SessionContext#flush()}; that is the batching RFC 2920 §3.2 asks of a
 * pipelining server.
 *
 * <p>An exception thrown from a callback is logged with the session id, the factory's
 * {@link ProtocolSessionFactory#internalErrorReply()} is sent, and the connection is closed.
 */
public interface ProtocolSession {

    /** The connection is established (and, on an implicit-TLS listener, the handshake done): send the greeting. */
    void onConnect();

    /** One complete input line. */
    void onLine(Line line);

    /**
     * Raw input requested by {@link SessionContext#readRaw(long)}: exactly the requested number of bytes,
     * in one or more chunks, the last flagged. Line framing resumes after the last chunk unless another
     * raw read is requested.
     */
    default void onRawBytes(byte[] chunk, boolean last) {
        throw new IllegalStateException("raw input delivered to a session that never asked for it");
    }

    /**
     * The client sent nothing for the idle timeout while no command was running. The session may send
     * its goodbye (SMTP 421 4.4.2, RFC 5321 §4.5.3.2.7; IMAP {@code * BYE}; POP3 has none); the kernel
     * closes the connection after this returns.
     */
    default void onIdleTimeout() {
    }

    /**
     * The client broke one of the kernel's input limits: a line without end, a line or payload arriving
     * too slowly, or the deadline before authentication. The session may send its goodbye (SMTP
     * {@code 500 5.5.2} for a line, {@code 421 4.4.2} for a timeout; IMAP {@code * BYE}; POP3
     * {@code -ERR}); the kernel closes the connection after this returns, so by default it closes
     * without a word. Runs in order with the other callbacks, never while one is running.
     */
    default void onLimitExceeded(LimitExceeded limit) {
    }

    /**
     * The server is shutting down. The session should finish what it is doing and close, at the latest
     * when it would next wait for the client (IMAP {@code * BYE} during IDLE, RFC 9051 §7.1.5; SMTP 421).
     * Sessions still open after the grace period are closed by the kernel.
     */
    default void onShutdown() {
    }

    /** The connection is closed (by either side); the last callback of a session. */
    default void onClose() {
    }
}
