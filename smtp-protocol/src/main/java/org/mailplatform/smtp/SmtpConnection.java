package org.mailplatform.smtp;

import java.net.InetSocketAddress;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.mailplatform.records.TlsInfo;

/**
 * What the SMTP conversation needs from the network, and nothing more: commands see this, never
 * a socket. The kernel adapter implements it over a live connection; transcript tests implement
 * it in memory.
 */
public interface SmtpConnection {

    /** The real client address (after the PROXY protocol, where a trusted proxy sent one). */
    InetSocketAddress clientAddress();

    /** The name of the listener the client connected to, for the message trace; null when unknown. */
    default String listenerName() {
        return null;
    }

    /** The server's address of the connection, for the message trace; null when unknown. */
    default InetSocketAddress localAddress() {
        return null;
    }

    /** True when TLS protects the connection (implicit TLS, or after STARTTLS). */
    boolean tlsActive();

    /** The established TLS session (channel binding for SCRAM-SHA-256-PLUS, RFC 9266); empty without TLS. */
    default Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    /** Protocol and cipher of the TLS session; null without TLS. */
    TlsInfo tlsInfo();

    /** True when this listener may upgrade with STARTTLS and has not yet. */
    boolean startTlsAvailable();

    void reply(SmtpReply reply);

    /**
     * Sends the go-ahead and switches to TLS. Bytes the client sent behind the STARTTLS command are
     * discarded, never read as commands (RFC 3207 4.2, CVE-2011-0411).
     */
    void startTls(SmtpReply goAhead);

    /** The next {@code octets} bytes arrive raw (BDAT chunk, RFC 3030 2). */
    void readRaw(long octets);

    /**
     * True when the client has sent more than the line being handled: it did not wait for the reply
     * (RFC 2920 3.1), or, during the greeting, it talked first.
     */
    boolean inputPending();

    /** Sets the longest line the framing accepts from now on. */
    void maxLineLength(int octets);

    void replyAndClose(SmtpReply reply);
}
