package org.mailplatform.imap.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * What a session sees of its connection: the port the network adapter implements. Commands reach
 * the client only through this and the session's response writer, never through a socket.
 */
public interface ClientConnection {

    String sessionId();

    InetSocketAddress clientAddress();

    boolean tlsActive();

    /** The established TLS session, for SCRAM-SHA-256-PLUS channel binding (RFC 9266); empty without TLS. */
    default Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    /** STARTTLS is still possible on this connection. */
    boolean canStartTls();

    void write(byte[] bytes);

    void flush();

    /**
     * Sends {@code goAhead} in plaintext, then TLS; input pipelined behind the command is thrown
     * away and the command reader starts afresh (RFC 9051 6.2.1, CVE-2011-0411).
     */
    void startTls(byte[] goAhead);

    /** Sends {@code goAhead} uncompressed, then compresses both directions with raw DEFLATE (RFC 4978 3). */
    void startCompression(byte[] goAhead);

    boolean compressionActive();

    /** The next client line answers a continuation request (AUTHENTICATE, IDLE's DONE). */
    void expectContinuationLine();

    /** Quoted strings may carry UTF-8 from the next command on (RFC 6855 3, RFC 9051). */
    void enableUtf8();

    /** The client logged in: the command reader's and the idle timer's authenticated limits apply. */
    void authenticated();

    void setIdleTimeout(Duration timeout);

    /** Runs {@code task} on the session's thread, in order with its commands. */
    void execute(Runnable task);

    /** Sends {@code lastWords} and closes. */
    void closeAfter(byte[] lastWords);
}
