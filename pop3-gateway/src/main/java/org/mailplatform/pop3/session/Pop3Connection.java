package org.mailplatform.pop3.session;

import java.net.InetAddress;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** What a POP3 session needs of its connection; no network types. */
public interface Pop3Connection {

    String sessionId();

    InetAddress clientAddress();

    boolean tlsActive();

    /** The established TLS session, for SCRAM-SHA-256-PLUS channel binding (RFC 9266); empty without TLS. */
    default Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    /** STLS may be offered: a listener that allows it, TLS not started yet. */
    boolean canStartTls();

    /** False once closed or closing. */
    boolean isOpen();

    /** Queues bytes; the array is not used by the caller afterwards. */
    void write(byte[] bytes);

    /** Sends what is queued, waiting while the client reads slower than we write. */
    void flush();

    /** Sends the go-ahead in plaintext, then TLS; input pipelined behind the command is discarded (RFC 2595 4). */
    void startTls(byte[] goAhead);

    /** Sends {@code finalReply}, then closes. */
    void closeAfter(byte[] finalReply);

    void close();
}
