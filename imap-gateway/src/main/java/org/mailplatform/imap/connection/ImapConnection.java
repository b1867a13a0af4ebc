package org.mailplatform.imap.connection;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.mailplatform.imap.command.CommandDispatcher;
import org.mailplatform.imap.protocol.ImapRequestParser;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.LiteralMode;
import org.mailplatform.imap.protocol.ParseEvent;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.Capabilities;
import org.mailplatform.imap.session.ClientConnection;
import org.mailplatform.imap.session.ContinuationHandler;
import org.mailplatform.imap.session.ImapServices;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.ImapSettings;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.kernel.LimitExceeded;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the protocol kernel to an IMAP session. The kernel frames input into lines; each line,
 * its CRLF restored, goes to the command parser. A literal's octets are never framed: once the
 * parser has accepted a literal's size (checked before a single octet is read, so a 4 GB
 * announcement costs nothing) they are asked for raw with {@link SessionContext#readRaw}, and the
 * parser gets them as they are. A synchronizing literal first gets its continuation request
 * (RFC 9051 4.3, 7.5); a non-synchronizing one (RFC 7888) none.
 */
final class ImapConnection implements ProtocolSession, ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(ImapConnection.class);
    private static final byte[] CRLF = {'\r', '\n'};

    private final SessionContext ctx;
    private final ImapSettings settings;
    private final CommandDispatcher dispatcher;
    private final ImapRequestParser parser;
    private final ImapSession session;
    private boolean closing;

    ImapConnection(SessionContext ctx, ImapServices services, CommandDispatcher dispatcher) {
        this.ctx = ctx;
        this.settings = services.settings();
        this.dispatcher = dispatcher;
        this.parser = new ImapRequestParser(settings.preAuthLimits(), LiteralMode.LITERAL_PLUS);
        this.session = new ImapSession(this, services);
    }

    @Override
    public void onConnect() {
        session.services().metrics().sessionOpened();
        ctx.setMaxLineLength(settings.limits().maxLineLength() + 1);
        ctx.setIdleTimeout(settings.preAuthIdleTimeout());
        session.out().untagged(ImapStatus.OK, ResponseCode.capability(Capabilities.of(session)), "IMAP server ready");
        session.send();
    }

    @Override
    public void onLine(Line line) {
        if (closing) {
            return;
        }
        byte[] bytes = line.bytes();
        ByteBuffer input = ByteBuffer.allocate(bytes.length + 2).put(bytes).put(CRLF).flip();
        feed(input);
        long literal = parser.pendingLiteralOctets();
        if (!closing && literal > 0) {
            ctx.readRaw(literal);
        }
    }

    @Override
    public void onRawBytes(byte[] chunk, boolean last) {
        if (!closing) {
            feed(ByteBuffer.wrap(chunk));
        }
    }

    private void feed(ByteBuffer input) {
        ParseEvent event;
        while (!closing && (event = parser.next(input)) != null) {
            handle(event);
            if (session.state() == SessionState.LOGOUT) {
                closing = true;
                ctx.closeAfter(session.out().drain());
                return;
            }
            session.send();
        }
    }

    private void handle(ParseEvent event) {
        switch (event) {
            case ParseEvent.CommandReady ready -> dispatcher.dispatch(ready.request(), session);
            case ParseEvent.ContinuationNeeded needed -> {
                session.out().continuation("Ready for literal data");
                session.flush();
            }
            case ParseEvent.ContinuationLine line -> continuation(line.line());
            case ParseEvent.ParseError error -> parseError(error);
        }
    }

    private void continuation(byte[] line) {
        Optional<ContinuationHandler> handler = session.takeContinuation();
        if (handler.isEmpty()) {
            session.out().untagged(ImapStatus.BAD, null, "Unexpected continuation");
            return;
        }
        try {
            handler.get().onLine(line);
        } catch (RuntimeException e) {
            log.error("session {}: continuation failed", ctx.sessionId(), e);
            session.out().untagged(ImapStatus.BYE, ResponseCode.SERVERBUG, "Internal error");
            closing = true;
            ctx.closeAfter(session.out().drain());
        }
    }

    private void parseError(ParseEvent.ParseError error) {
        // A line that could not be read ends whatever waited for it (IDLE, an AUTHENTICATE step).
        session.takeContinuation().ifPresent(handler -> handler.onLine(null));
        if (error.closeConnection()) {
            session.out().untagged(ImapStatus.BYE, error.code(), error.message());
            closing = true;
            ctx.closeAfter(session.out().drain());
            return;
        }
        if (error.tag() != null) {
            session.tagged(error.tag(), error.status(), error.code(), error.message());
        } else {
            session.out().untagged(ImapStatus.BAD, error.code(), error.message());
        }
    }

    @Override
    public void onIdleTimeout() {
        // RFC 9051 5.4: the autologout timer expired.
        session.out().untagged(ImapStatus.BYE, null, "Autologout; idle for too long");
        session.send();
    }

    /**
     * RFC 9051 7.1.3 and 7.1.5: an untagged BAD for a line the server cannot read, and BYE before it
     * closes; the timeouts are the autologout timer running out (RFC 9051 5.4).
     */
    @Override
    public void onLimitExceeded(LimitExceeded limit) {
        session.takeContinuation().ifPresent(handler -> handler.onLine(null));
        if (limit == LimitExceeded.LINE_TOO_LONG) {
            session.out().untagged(ImapStatus.BAD, null, "Line too long");
            session.out().untagged(ImapStatus.BYE, null, "Line too long");
        } else {
            session.out().untagged(ImapStatus.BYE, null, limit == LimitExceeded.DEADLINE
                    ? "Autologout; not logged in in time" : "Autologout; input too slow");
        }
        closing = true;
        ctx.closeAfter(session.out().drain());
    }

    @Override
    public void onShutdown() {
        // RFC 9051 7.1.5: BYE when the server is shutting down.
        session.out().untagged(ImapStatus.BYE, ResponseCode.UNAVAILABLE, "Server shutting down");
        closing = true;
        ctx.closeAfter(session.out().drain());
    }

    @Override
    public void onClose() {
        session.closed();
        session.services().metrics().sessionClosed();
    }

    // ---- ClientConnection ----

    @Override
    public String sessionId() {
        return ctx.sessionId();
    }

    @Override
    public InetSocketAddress clientAddress() {
        return ctx.clientAddress();
    }

    @Override
    public boolean tlsActive() {
        return ctx.tlsActive();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return ctx.sslSession();
    }

    @Override
    public boolean canStartTls() {
        return ctx.canStartTls();
    }

    @Override
    public void write(byte[] bytes) {
        ctx.write(bytes);
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public void startTls(byte[] goAhead) {
        ctx.startTls(goAhead);
        parser.reset();
    }

    @Override
    public void startCompression(byte[] goAhead) {
        ctx.startCompression(goAhead);
    }

    @Override
    public boolean compressionActive() {
        return ctx.compressionActive();
    }

    @Override
    public void expectContinuationLine() {
        parser.expectContinuationLine();
    }

    @Override
    public void enableUtf8() {
        parser.enableUtf8();
    }

    @Override
    public void authenticated() {
        parser.setLimits(settings.limits());
        ctx.setIdleTimeout(settings.idleTimeout());
        ctx.clearDeadline();
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        ctx.setIdleTimeout(timeout);
    }

    @Override
    public void execute(Runnable task) {
        ctx.execute(task);
    }

    @Override
    public void closeAfter(byte[] lastWords) {
        closing = true;
        ctx.closeAfter(lastWords);
    }
}
