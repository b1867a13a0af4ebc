package org.mailplatform.kernel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLSession;

/**
 * What a {@link ProtocolSession} sees of its connection. Implemented by the kernel; no network
 * library types appear here.
 *
 * <p>Methods marked <em>session thread only</em> change how the following input is read and must be
 * called from a session callback or a task run by {@link #execute(Runnable)}; elsewhere they throw
 * {@link IllegalStateException}. The write methods may be called from any thread, but writing from the
 * session thread keeps replies in order.
 */
public interface SessionContext {

    /** A short random id for this connection, for logs and trace headers; also in the logging MDC as {@code session}. */
    String sessionId();

    /** The name of the listener the client connected to. */
    String listenerName();

    TlsMode tlsMode();

    /**
     * The client: the connection's peer, or the source address from the PROXY protocol header when the
     * peer is a configured trusted proxy.
     */
    InetSocketAddress clientAddress();

    /** The address the client connected to (the PROXY header's destination behind a trusted proxy). */
    InetSocketAddress localAddress();

    /** True once TLS is established: from the start on an implicit-TLS listener, after a completed STARTTLS otherwise. */
    boolean tlsActive();

    Optional<TlsInfo> tlsInfo();

    /**
     * The established TLS session, for what {@link TlsInfo} does not carry, such as keying material
     * exported for channel binding (RFC 9266). Empty before TLS and where the connection cannot tell.
     */
    default Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    /** True while STARTTLS may be offered: a STARTTLS listener, TLS not yet started. */
    boolean canStartTls();

    /** False once the connection is closed or closing; writes are then silently dropped. */
    boolean isOpen();

    /** Queues bytes for the client; sent at the next flush. */
    void write(byte[] bytes);

    /** Queues text for the client, encoded as UTF-8 (plain ASCII for the classic protocols). */
    void write(String text);

    /**
     * Sends everything queued. When the client reads slower than the session writes (more than
     * {@link KernelSettings#writeBufferHighWaterMark()} waits for the socket), this blocks the calling
     * (virtual) thread until the socket drains, so a large FETCH cannot fill the heap; meanwhile no further
     * input is read. A client that takes less than half the mark in {@link KernelSettings#writeTimeout()} is
     * disconnected.
     */
    void flush();

    /** Queues and flushes; the future completes when the bytes are handed to the operating system. */
    CompletableFuture<Void> writeAndFlush(byte[] bytes);

    CompletableFuture<Void> writeAndFlush(String text);

    /**
     * Sends {@code goAheadReply} in plaintext (e.g. {@code 220 2.0.0 Ready to start TLS\r\n}) and starts
     * the TLS handshake behind it with the current server certificate. Input the client sent after the
     * STARTTLS command line, before the handshake, is discarded unread (CVE-2011-0411: plaintext injected
     * ahead of TLS must not be taken as protected commands). The next {@link ProtocolSession#onLine(Line)}
     * carries the first line sent over TLS; the protocol resets its state as its RFC requires
     * (RFC 3207 §4.2, RFC 2595 §4, RFC 9051 §6.2.1). If the handshake fails the connection is closed.
     * <em>Session thread only.</em>
     *
     * @return completes when the handshake has succeeded (on a network thread: do not block in it)
     * @throws IllegalStateException when {@link #canStartTls()} is false
     */
    CompletableFuture<TlsInfo> startTls(byte[] goAheadReply);

    /**
     * Sends {@code goAheadReply} as it is, then compresses everything written after it and inflates
     * everything read from now on with raw DEFLATE (RFC 1951), on top of TLS when TLS is on: IMAP
     * COMPRESS=DEFLATE (RFC 4978 3). Each flush ends in a sync flush, so the client can decode every
     * reply as soon as it arrives. The client may only send compressed data once it has the go-ahead:
     * input that arrived before is read uncompressed. <em>Session thread only.</em>
     *
     * @return completes when compression is in place (on a network thread: do not block in it)
     * @throws IllegalStateException when compression is already on
     */
    default CompletableFuture<Void> startCompression(byte[] goAheadReply) {
        throw new UnsupportedOperationException("compression is not supported by this connection");
    }

    /** True once {@link #startCompression} was called. */
    default boolean compressionActive() {
        return false;
    }

    /**
     * Delivers the next {@code byteCount} input bytes unframed through {@link ProtocolSession#onRawBytes},
     * then returns to line framing (SMTP BDAT, RFC 3030; IMAP literals, RFC 9051 §4.3). The protocol
     * checks its own size limit before asking. <em>Session thread only.</em>
     *
     * @param byteCount at least 1 (a zero-length chunk or literal needs no input and no call)
     */
    void readRaw(long byteCount);

    /**
     * The longest line accepted from now on, terminator excluded; longer lines arrive as
     * {@link Line#tooLong()}. E.g. 998 for SMTP text lines (RFC 5321 §4.5.3.1.6: 1000 with CRLF).
     * <em>Session thread only.</em>
     */
    void setMaxLineLength(int maxLineLength);

    int maxLineLength();

    /**
     * True when input beyond what the session has been given has already arrived: more bytes of the chunk
     * the current line came in, or later chunks not yet framed. Called while handling a command, it tells
     * whether the client sent ahead of the reply (SMTP without PIPELINING, RFC 2920 §3.1; talk before the
     * greeting). Implementations that cannot tell return false. <em>Session thread only.</em>
     */
    default boolean inputPending() {
        return false;
    }

    /**
     * Changes this connection's idle timeout from now on, e.g. short before authentication and the
     * 30 minutes of RFC 9051 §5.4 after it.
     */
    void setIdleTimeout(Duration idleTimeout);

    /**
     * Replaces this connection's deadline: when {@code fromNow} has passed, the session hears
     * {@link ProtocolSession#onLimitExceeded(LimitExceeded) onLimitExceeded(DEADLINE)} and the connection
     * closes, however busy the client keeps it. Every connection starts with
     * {@link KernelSettings#loginTimeout()}; e.g. SMTP on port 25, which has no login, sets a longer one
     * for a message transfer.
     */
    void setDeadline(Duration fromNow);

    /** Starts {@link KernelSettings#loginTimeout()} over from now, as at connection time. */
    void restartLoginDeadline();

    /** Removes the deadline; a session calls it once the client has authenticated. */
    void clearDeadline();

    /**
     * The lines that follow are a payload (SMTP DATA, RFC 5321 §4.1.1.4) until {@link #endPayload()}: they
     * must arrive at {@link KernelSettings#minPayloadRate()} at least, like the raw reads, which are
     * payloads by themselves. <em>Session thread only.</em>
     */
    void beginPayload();

    /** Ends what {@link #beginPayload()} began. <em>Session thread only.</em> */
    void endPayload();

    /**
     * Runs {@code task} on this session's thread, in order with its callbacks: the way for other threads
     * (a mailbox-event consumer pushing IMAP untagged responses) to act on the session. Dropped once the
     * connection is closed.
     */
    void execute(Runnable task);

    /** Flushes what is queued and closes the connection; remaining input is discarded. */
    void close();

    /** Sends {@code finalReply} (e.g. {@code 221 2.0.0 Bye\r\n}), then closes. */
    void closeAfter(byte[] finalReply);
}
