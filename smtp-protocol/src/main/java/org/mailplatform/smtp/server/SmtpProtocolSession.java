package org.mailplatform.smtp.server;

import java.net.InetSocketAddress;

import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.records.TlsInfo;
import org.mailplatform.smtp.SmtpAuthentication;
import org.mailplatform.smtp.SmtpConnection;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpMetrics;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSettings;

/** One SMTP connection: kernel callbacks in, conversation replies out. */
final class SmtpProtocolSession implements ProtocolSession, SmtpConnection {

    private final SessionContext context;
    private final SmtpSettings settings;
    private final SmtpConversation conversation;

    SmtpProtocolSession(SessionContext context, SmtpSettings settings, SmtpPolicy policy,
                        SmtpAuthentication authentication, SmtpMetrics metrics) {
        this.context = context;
        this.settings = settings;
        this.conversation = new SmtpConversation(context.sessionId(), settings, policy, this, authentication, metrics);
    }

    // ---- kernel callbacks ----

    @Override
    public void onConnect() {
        pauseBeforeGreeting();
        conversation.connected();
    }

    /** Input that arrives during the pause is talk before the greeting, which the conversation refuses. */
    private void pauseBeforeGreeting() {
        long millis = settings.greetingDelay().toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onLine(Line line) {
        conversation.line(line.bytes(), line.bareLf(), line.bareCr(), line.tooLong());
    }

    @Override
    public void onRawBytes(byte[] chunk, boolean last) {
        conversation.rawBytes(chunk, last);
    }

    @Override
    public void onIdleTimeout() {
        conversation.idleTimeout();
    }

    /** RFC 3463 4.3.2: the system is not accepting network messages; the client retries elsewhere or later. */
    @Override
    public void onShutdown() {
        conversation.close(SmtpReply.of(421, "4.3.2", "Service shutting down, try again later"));
    }

    // ---- what the conversation asks of the connection ----

    @Override
    public InetSocketAddress clientAddress() {
        return context.clientAddress();
    }

    @Override
    public boolean tlsActive() {
        return context.tlsActive();
    }

    @Override
    public TlsInfo tlsInfo() {
        return context.tlsInfo().map(t -> new TlsInfo(t.protocol(), t.cipherSuite())).orElse(null);
    }

    @Override
    public boolean startTlsAvailable() {
        return context.canStartTls();
    }

    @Override
    public void reply(SmtpReply reply) {
        context.write(reply.toBytes());
    }

    @Override
    public void startTls(SmtpReply goAhead) {
        context.startTls(goAhead.toBytes());
    }

    @Override
    public boolean inputPending() {
        return context.inputPending();
    }

    @Override
    public void readRaw(long octets) {
        context.readRaw(octets);
    }

    /** The settings count the CRLF (RFC 5321 4.5.3.1); the kernel's limit excludes the terminator. */
    @Override
    public void maxLineLength(int octets) {
        context.setMaxLineLength(Math.max(1, octets - 2));
    }

    @Override
    public void replyAndClose(SmtpReply reply) {
        context.closeAfter(reply.toBytes());
    }
}
