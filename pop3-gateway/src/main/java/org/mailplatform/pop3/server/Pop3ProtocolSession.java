package org.mailplatform.pop3.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.mailplatform.kernel.LimitExceeded;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.pop3.command.Pop3Dispatcher;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Connection;
import org.mailplatform.pop3.session.Pop3Services;
import org.mailplatform.pop3.session.Pop3Session;
import org.mailplatform.pop3.session.Pop3Settings;

/** One POP3 connection: kernel callbacks in, session replies out. */
final class Pop3ProtocolSession implements ProtocolSession, Pop3Connection {

    private final SessionContext context;
    private final Pop3Settings settings;
    private final Pop3Dispatcher dispatcher;
    private final Pop3Session session;
    private boolean deadlineCleared;

    Pop3ProtocolSession(SessionContext context, Pop3Settings settings, Pop3Services services, Pop3Dispatcher dispatcher) {
        this.context = context;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.session = new Pop3Session(this, settings, services);
    }

    // ---- kernel callbacks ----

    @Override
    public void onConnect() {
        context.setIdleTimeout(settings.idleTimeout());
        context.setMaxLineLength(settings.maxLineLength());
        session.start();
    }

    @Override
    public void onLine(Line line) {
        dispatcher.onLine(session, line);
        if (!deadlineCleared && session.state() == Pop3State.TRANSACTION) {
            // Logged in: the kernel's login deadline is over (the autologout timer of RFC 1939 3 remains).
            deadlineCleared = true;
            context.clearDeadline();
        }
    }

    /** RFC 1939 3: a -ERR before the server closes; POP3 has no other way to say why. */
    @Override
    public void onLimitExceeded(LimitExceeded limit) {
        String reason = switch (limit) {
            case LINE_TOO_LONG -> "Line too long";
            case DEADLINE -> "Autologout; not logged in in time";
            case LINE_TOO_SLOW, PAYLOAD_TOO_SLOW -> "Autologout; input too slow";
        };
        context.closeAfter(("-ERR " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void onIdleTimeout() {
        session.idleTimeout();
    }

    @Override
    public void onShutdown() {
        session.shutdown();
    }

    @Override
    public void onClose() {
        session.closed();
    }

    // ---- what the session asks of the connection ----

    @Override
    public String sessionId() {
        return context.sessionId();
    }

    @Override
    public InetAddress clientAddress() {
        return context.clientAddress().getAddress();
    }

    @Override
    public boolean tlsActive() {
        return context.tlsActive();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return context.sslSession();
    }

    @Override
    public boolean canStartTls() {
        return context.canStartTls();
    }

    @Override
    public boolean isOpen() {
        return context.isOpen();
    }

    @Override
    public void write(byte[] bytes) {
        context.write(bytes);
    }

    @Override
    public void flush() {
        context.flush();
    }

    @Override
    public void startTls(byte[] goAhead) {
        context.startTls(goAhead);
    }

    @Override
    public void closeAfter(byte[] finalReply) {
        context.closeAfter(finalReply);
    }

    @Override
    public void close() {
        context.close();
    }
}
