package org.mailplatform.smtp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mailplatform.kernel.support.MessageMemory;
import org.mailplatform.smtp.command.SmtpCommand;
import org.mailplatform.smtp.command.SmtpCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one SMTP session (RFC 5321 4.1, 3.3): the state every command sees, the
 * dispatch of command lines to their handlers, and the DATA and BDAT phases. It never touches a
 * socket; {@link SmtpConnection} carries its replies.
 *
 * <p>Calls arrive one at a time and may block (policy checks, Kafka acknowledgements).
 */
public final class SmtpConversation {

    private static final Logger log = LoggerFactory.getLogger(SmtpConversation.class);
    private static final Set<String> JUNK_VERBS = Set.of("NOOP", "RSET", "VRFY", "EXPN", "HELP");

    /** Where the session is in RFC 5321's sequence. */
    public enum Phase {
        /** Connected, greeting sent, no EHLO/HELO yet. */
        CONNECTED,
        /** EHLO/HELO done, no transaction. */
        READY,
        /** MAIL accepted; RCPT, DATA, BDAT or RSET expected. */
        IN_TRANSACTION,
        /** Reading DATA lines. */
        DATA,
        /** Reading a BDAT chunk's raw bytes. */
        BDAT,
        /** A SASL exchange is waiting for the client's next line. */
        AUTH,
        /** The connection was refused in place of the greeting; only QUIT is served. */
        REFUSED,
        CLOSED
    }

    private final String sessionId;
    private final SmtpSettings settings;
    private final SmtpPolicy policy;
    private final SmtpConnection connection;
    private final SmtpAuthentication authentication;
    private final SmtpMetrics metrics;
    private final Map<String, SmtpCommand> commands;
    private final MessageMemory messageMemory;

    private Phase phase = Phase.CONNECTED;
    private String heloName;
    private boolean esmtp;
    private String authenticatedUser;
    private int errors;
    private int commandsBeforeAuth;
    private int junkCommands;

    private MailPath from;
    private MailParameters mailParameters;
    private Instant transactionStartedAt;
    private final List<SmtpTransaction.Recipient> recipients = new ArrayList<>();
    private boolean recipientRefused;
    private DataCollector data;
    private MessageBuffer chunks;
    private boolean lastChunk;
    private SmtpReply chunkRefusal;

    public SmtpConversation(String sessionId, SmtpSettings settings, SmtpPolicy policy, SmtpConnection connection,
                            SmtpAuthentication authentication, SmtpMetrics metrics) {
        this(sessionId, settings, policy, connection, authentication, metrics, MessageMemory.shared());
    }

    /** @param messageMemory where the message being received is reserved while it is held in memory */
    public SmtpConversation(String sessionId, SmtpSettings settings, SmtpPolicy policy, SmtpConnection connection,
                            SmtpAuthentication authentication, SmtpMetrics metrics, MessageMemory messageMemory) {
        this.messageMemory = messageMemory;
        this.sessionId = sessionId;
        this.settings = settings;
        this.policy = policy;
        this.connection = connection;
        this.authentication = authentication;
        this.metrics = metrics == null ? SmtpMetrics.NONE : metrics;
        this.commands = SmtpCommands.table();
    }

    // ---- events from the connection ----

    /** RFC 5321 4.3.1: the 220 greeting opens the session; it carries no enhanced code (RFC 2034 3). */
    public void connected() {
        connection.maxLineLength(settings.commandLineLimit());
        if (settings.forbidUnauthPipelining() && connection.inputPending()) {
            // RFC 5321 4.3.1: the client waits for the greeting; one that talks first is a bot signature.
            refuseUnsynchronized("before the greeting");
            return;
        }
        SmtpReply refusal = policy.checkConnection(info());
        if (refusal != null) {
            metrics.rejected("connection_refused");
            phase = Phase.REFUSED;
            connection.reply(refusal);
            return;
        }
        connection.reply(SmtpReply.plain(220, settings.hostname() + " ESMTP ready"));
    }

    /**
     * One line from the client, its CRLF removed. An unexpected failure while handling it never ends the
     * session with a stack trace: see {@link #unexpectedFailure}.
     */
    public void line(byte[] content, boolean bareLf, boolean bareCr, boolean tooLong) {
        try {
            switch (phase) {
                case DATA -> dataLine(content, bareLf, bareCr, tooLong);
                case AUTH -> {
                    if (rejectBareLineEnding(bareLf, bareCr)) {
                        return;
                    }
                    authentication.continueExchange(this, content);
                }
                case CLOSED, BDAT -> {
                    // Nothing is read after the close or inside a raw chunk.
                }
                case REFUSED -> refusedSessionLine(content);
                default -> command(content, bareLf, bareCr, tooLong);
            }
        } catch (RuntimeException e) {
            unexpectedFailure(e);
        }
    }

    /**
     * RFC 5321 3.1: after a 554 in place of the greeting the server waits for QUIT and answers
     * 503 to everything else; the error limit ends a client that keeps trying.
     */
    private void refusedSessionLine(byte[] content) {
        String text = new String(content, java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (text.equalsIgnoreCase("QUIT")) {
            close(SmtpReply.of(221, "2.0.0", "Bye"));
            return;
        }
        error(SmtpReply.of(503, "5.7.1", "Error: connection refused, only QUIT is accepted"));
    }

    /**
     * A handler failed in a way no reply code was planned for. Between commands the session is intact
     * (handlers change state only once their checks pass), so the client hears 451 4.3.0 (RFC 5321
     * 4.2.2: local error in processing, transient) and may go on; inside message data the server can
     * no longer tell commands from text, so the session ends with 421.
     */
    private void unexpectedFailure(RuntimeException e) {
        log.error("session {}: unexpected failure in phase {}", sessionId, phase, e);
        metrics.rejected("internal_error");
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase == Phase.DATA || phase == Phase.BDAT) {
            close(SmtpReply.of(421, "4.3.0", settings.hostname() + " Internal error, closing connection"));
            return;
        }
        phase = from != null ? Phase.IN_TRANSACTION : heloName != null ? Phase.READY : Phase.CONNECTED;
        error(SmtpReply.of(451, "4.3.0", "Internal error, try again later"));
    }

    /** Raw bytes of the current BDAT chunk (RFC 3030 2). */
    public void rawBytes(byte[] chunk, boolean last) {
        if (phase != Phase.BDAT) {
            return;
        }
        chunks.append(chunk);
        if (last) {
            chunkComplete();
        }
    }

    /** RFC 5321 4.5.3.2.7: an idle client is told 421 and the connection closes. */
    public void idleTimeout() {
        close(SmtpReply.of(421, "4.4.2", settings.hostname() + " Error: timeout exceeded"));
    }

    // ---- command dispatch ----

    private void command(byte[] content, boolean bareLf, boolean bareCr, boolean tooLong) {
        if (settings.forbidUnauthPipelining() && !pipeliningNegotiated() && connection.inputPending()) {
            refuseUnsynchronized("ahead of a reply without PIPELINING");
            return;
        }
        if (tooManyCommandsBeforeAuth()) {
            return;
        }
        if (tooLong) {
            // RFC 5321 4.5.3.1.4 and 4.2.2: 500 for an over-long command line.
            error(SmtpReply.of(500, "5.5.2", "Line too long"));
            return;
        }
        if (rejectBareLineEnding(bareLf, bareCr)) {
            return;
        }
        SmtpCommandLine line;
        try {
            line = SmtpCommandLine.parse(content);
        } catch (SmtpSyntaxException e) {
            metrics.rejected("invalid_utf8");
            error(e.reply());
            return;
        }
        SmtpCommand handler = commands.get(line.verb());
        if (handler == null) {
            error(SmtpReply.of(500, "5.5.1", "Command unrecognized"));
            return;
        }
        if (JUNK_VERBS.contains(line.verb()) && tooManyJunkCommands()) {
            return;
        }
        metrics.command(line.verb());
        handler.execute(this, line);
    }

    /**
     * Where AUTH is required (RFC 6409 4.3) nothing is served before it, so a client that keeps the
     * connection busy with NOOP, RSET, HELP or failed attempts instead is cut off with 421 (RFC 5321
     * 3.8), as Postfix's smtpd_junk_command_limit does.
     */
    private boolean tooManyCommandsBeforeAuth() {
        int limit = settings.maxCommandsBeforeAuth();
        if (!settings.requireAuth() || authenticatedUser != null || limit == 0 || ++commandsBeforeAuth <= limit) {
            return false;
        }
        log.info("session {}: client {} sent {} commands without authenticating; closing", sessionId,
                connection.clientAddress(), limit);
        metrics.rejected("commands_before_auth");
        close(SmtpReply.of(421, "4.7.0", settings.hostname() + " Error: too many commands before authentication"));
        return true;
    }

    /**
     * Commands that move no mail forward: a client repeating them holds a connection (and a place under the
     * per-address limit) for nothing. As Postfix's smtpd_junk_command_limit, the count starts over with each
     * accepted message, so a sender of many messages is not cut off; past the limit, 421 (RFC 5321 3.8).
     */
    private boolean tooManyJunkCommands() {
        int limit = settings.maxJunkCommands();
        if (limit == 0 || ++junkCommands <= limit) {
            return false;
        }
        log.info("session {}: client {} sent {} NOOP/RSET/VRFY/EXPN/HELP commands without a message; closing", sessionId,
                connection.clientAddress(), limit);
        metrics.rejected("junk_commands");
        close(SmtpReply.of(421, "4.7.0", settings.hostname() + " Error: too many junk commands"));
        return true;
    }

    /** EHLO always offers PIPELINING (RFC 2920 3): a session greeted by EHLO may pipeline. */
    private boolean pipeliningNegotiated() {
        return esmtp;
    }

    /**
     * RFC 2920 3.1: without PIPELINING a client waits for each reply before its next command. One that
     * does not, or talks before the greeting, is not speaking SMTP but replaying a script, as spam bots do;
     * like Postfix's smtpd_forbid_unauth_pipelining the session ends, so nothing it sent is acted on.
     */
    private void refuseUnsynchronized(String when) {
        log.info("session {}: client {} sent input {}; closing", sessionId, connection.clientAddress(), when);
        metrics.rejected("unauthorised_pipelining");
        close(SmtpReply.of(554, "5.5.0", "Error: SMTP protocol synchronization"));
    }

    /**
     * SMTP smuggling defence: a bare LF or CR is never a line end (RFC 5321 2.3.8). The session
     * ends, as with Postfix's smtpd_forbid_bare_newline, so nothing after it is read as a command.
     */
    private boolean rejectBareLineEnding(boolean bareLf, boolean bareCr) {
        if (!bareLf && !bareCr) {
            return false;
        }
        metrics.rejected("bare_line_ending");
        close(SmtpReply.of(550, "5.5.2", "Bare <LF> or <CR> received; lines must end with <CRLF>"));
        return true;
    }

    // ---- DATA ----

    /** RFC 5321 4.1.1.4: the 354 invites the text; lines follow until CRLF.CRLF. */
    public void beginData() {
        long declared = declaredSize();
        if (declared > 0 && !messageMemory.tryReserveAhead(declared)) {
            refuseDataForMemory();
            return;
        }
        data = new DataCollector(settings.maxMessageSize(), messageMemory, declared);
        connection.maxLineLength(settings.dataLineLimit());
        phase = Phase.DATA;
        connection.reply(SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"));
    }

    private void dataLine(byte[] content, boolean bareLf, boolean bareCr, boolean tooLong) {
        DataCollector.Outcome outcome = data.line(content, bareLf, bareCr, tooLong);
        switch (outcome) {
            case MORE -> {
            }
            case BARE_LINE_ENDING -> {
                data.release();
                data = null;
                metrics.rejected("bare_line_ending");
                close(SmtpReply.of(550, "5.5.2", "Bare <LF> or <CR> received in message data; lines must end with <CRLF>"));
            }
            case COMPLETE -> {
                DataCollector finished = data;
                data = null;
                phase = Phase.IN_TRANSACTION;
                connection.maxLineLength(settings.commandLineLimit());
                try {
                    if (finished.overLimit()) {
                        metrics.rejected("size");
                        finish(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit of " + settings.maxMessageSize() + " octets"));
                    } else if (finished.hadLineTooLong()) {
                        metrics.rejected("line_length");
                        finish(SmtpReply.of(554, "5.6.0", "Message has a line longer than " + settings.dataLineLimit() + " octets"));
                    } else if (finished.memoryExhausted()) {
                        refuseForMemory();
                    } else {
                        deliver(finished.message());
                    }
                } finally {
                    finished.release();
                }
            }
        }
    }

    // ---- BDAT ----

    /**
     * RFC 3030 2: a chunk of exactly {@code size} octets follows the command. It is always read,
     * even when it will be refused, so the command stream stays in step.
     */
    public void beginChunk(long size, boolean last, SmtpReply refusal) {
        if (chunks == null) {
            // A chunk must be read whatever happens (RFC 3030 2), so without room for the declared size
            // the message is collected as it comes, and refused at the chunk that does not fit.
            long declared = declaredSize();
            long prepaid = declared > 0 && messageMemory.tryReserveAhead(declared) ? declared : 0;
            chunks = new MessageBuffer(settings.maxMessageSize(), messageMemory, prepaid);
        }
        lastChunk = last;
        chunkRefusal = refusal;
        if (size == 0) {
            chunkComplete();
            return;
        }
        phase = Phase.BDAT;
        connection.readRaw(size);
    }

    private void chunkComplete() {
        phase = from == null ? Phase.READY : Phase.IN_TRANSACTION;
        if (chunkRefusal != null) {
            SmtpReply refusal = chunkRefusal;
            chunkRefusal = null;
            releaseChunks();
            error(refusal);
            return;
        }
        if (chunks.overLimit()) {
            releaseChunks();
            metrics.rejected("size");
            // RFC 3030 4: the transaction is over once a chunk is refused.
            resetTransaction();
            error(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit of " + settings.maxMessageSize() + " octets"));
            return;
        }
        if (chunks.memoryExhausted()) {
            releaseChunks();
            // RFC 3030 4: a refused chunk ends the transaction.
            resetTransaction();
            refuseForMemory();
            return;
        }
        if (!lastChunk) {
            connection.reply(SmtpReply.of(250, "2.0.0", chunks.total() + " octets received"));
            return;
        }
        byte[] message = chunks.take();
        releaseChunks();
        if (mailParameters.body() != org.mailplatform.records.BodyType.BINARY_MIME && BareLineEndings.present(message)) {
            metrics.rejected("bare_line_ending");
            resetTransaction();
            error(SmtpReply.of(550, "5.5.2", "Bare <LF> or <CR> in message; lines must end with <CRLF>"));
            return;
        }
        deliver(message);
    }

    /**
     * RFC 5321 4.2.3 452 (insufficient system storage) with RFC 3463 3.4's 4.3.1: the message did not
     * fit into the process's message memory now; the client tries again later, as after any 4xx.
     */
    private void refuseForMemory() {
        metrics.rejected("memory");
        log.warn("session {}: message refused for now, the message memory budget ({} bytes) is exhausted",
                sessionId, messageMemory.limit());
        finish(SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later"));
    }

    /** The SIZE the client declared at MAIL (RFC 1870), 0 if none. */
    private long declaredSize() {
        return mailParameters != null && mailParameters.size().isPresent() ? mailParameters.size().getAsLong() : 0;
    }

    /**
     * The declared SIZE fits the fixed limit but not the message memory free now: 452 4.3.1 to DATA,
     * before the client sends a byte of it (RFC 1870 6.1 gives the same reply at MAIL; here it comes
     * when the data would start, so that a client cannot hold a reservation while idling between
     * commands). The transaction stays open; the client may RSET, QUIT or try DATA again.
     */
    private void refuseDataForMemory() {
        metrics.rejected("memory");
        error(SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later"));
    }

    private void releaseChunks() {
        if (chunks != null) {
            chunks.release();
            chunks = null;
        }
    }

    /** The connection is gone: whatever message was being received gives its memory back. */
    public void closed() {
        resetTransaction();
        phase = Phase.CLOSED;
    }

    public boolean chunkingInProgress() {
        return chunks != null;
    }

    // ---- delivery ----

    private void deliver(byte[] message) {
        SmtpTransaction tx = transaction();
        SmtpReply reply;
        try {
            reply = policy.accept(info(), tx, message);
        } catch (RuntimeException e) {
            log.error("session {}: message hand-off failed", sessionId, e);
            reply = SmtpReply.of(451, "4.3.0", "Temporary failure, try again later");
        }
        if (reply.positive()) {
            junkCommands = 0;
            metrics.accepted(message.length);
        } else {
            metrics.rejected(reply.transientFailure() ? "temporary" : "policy");
        }
        finish(reply);
    }

    private void finish(SmtpReply reply) {
        resetTransaction();
        if (reply.positive()) {
            connection.reply(reply);
        } else {
            error(reply);
        }
    }

    // ---- state used by the commands ----

    public SmtpSettings settings() {
        return settings;
    }

    public SmtpPolicy policy() {
        return policy;
    }

    public SmtpConnection connection() {
        return connection;
    }

    public SmtpAuthentication authentication() {
        return authentication;
    }

    public SmtpMetrics metrics() {
        return metrics;
    }

    public Phase phase() {
        return phase;
    }

    public void phase(Phase next) {
        this.phase = next;
    }

    public String heloName() {
        return heloName;
    }

    public boolean esmtp() {
        return esmtp;
    }

    /** EHLO/HELO: RFC 5321 4.1.4 — a new greeting also clears any transaction. */
    public void greeted(String name, boolean extended) {
        this.heloName = name;
        this.esmtp = extended;
        resetTransaction();
        phase = Phase.READY;
    }

    public String authenticatedUser() {
        return authenticatedUser;
    }

    public void authenticated(String user) {
        this.authenticatedUser = user;
    }

    public boolean inTransaction() {
        return from != null;
    }

    public void beginTransaction(MailPath sender, MailParameters parameters) {
        this.from = sender;
        this.mailParameters = parameters;
        this.transactionStartedAt = Instant.now();
        this.recipients.clear();
        this.recipientRefused = false;
        this.phase = Phase.IN_TRANSACTION;
    }

    public MailParameters mailParameters() {
        return mailParameters;
    }

    public List<SmtpTransaction.Recipient> recipients() {
        return recipients;
    }

    public void addRecipient(MailPath path, RcptParameters parameters) {
        recipients.add(new SmtpTransaction.Recipient(path, parameters));
    }

    public void recipientRefused() {
        this.recipientRefused = true;
    }

    public boolean anyRecipientRefused() {
        return recipientRefused;
    }

    public SmtpTransaction transaction() {
        return new SmtpTransaction(from, mailParameters, recipients, transactionStartedAt);
    }

    /** RSET, a new EHLO, the end of DATA: RFC 5321 4.1.1.5 clears sender, recipients and buffers. */
    public void resetTransaction() {
        from = null;
        mailParameters = null;
        transactionStartedAt = null;
        recipients.clear();
        recipientRefused = false;
        if (data != null) {
            data.release();
            data = null;
        }
        releaseChunks();
        if (phase != Phase.CONNECTED && phase != Phase.CLOSED) {
            phase = Phase.READY;
        }
    }

    /** RFC 3207 4.2: after STARTTLS the server forgets everything the client said before it. */
    public void forgetAfterStartTls() {
        resetTransaction();
        heloName = null;
        esmtp = false;
        authenticatedUser = null;
        phase = Phase.CONNECTED;
    }

    public SmtpSessionInfo info() {
        return new SmtpSessionInfo(sessionId, connection.clientAddress(), heloName, esmtp,
                connection.tlsInfo(), authenticatedUser, connection.listenerName(), connection.localAddress());
    }

    public String sessionId() {
        return sessionId;
    }

    /**
     * Sends an error reply and counts it; too many errors end the session (a misbehaving or
     * probing client should not keep a connection forever).
     */
    public void error(SmtpReply reply) {
        errors++;
        if (errors >= settings.maxErrors()) {
            close(SmtpReply.of(421, "4.7.0", settings.hostname() + " Error: too many errors"));
            return;
        }
        connection.reply(reply);
    }

    public void close(SmtpReply reply) {
        phase = Phase.CLOSED;
        connection.replyAndClose(reply);
    }
}
