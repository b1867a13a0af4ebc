package org.mailplatform.pop3.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.mailplatform.pop3.protocol.DotStuffer;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.protocol.ResponseCode;
import org.mailplatform.pop3.store.LockAttempt;
import org.mailplatform.pop3.store.MaildropLock;
import org.mailplatform.pop3.store.MaildropSnapshot;
import org.mailplatform.pop3.store.Removal;
import org.mailplatform.store.account.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 session (RFC 1939): its state, what it learned from the client, the locked maildrop,
 * and the replies. Commands act on it; it never reads the network itself. Not thread-safe: the
 * kernel runs one callback at a time per connection.
 */
public final class Pop3Session {

    private static final Logger log = LoggerFactory.getLogger(Pop3Session.class);

    /** RFC 1939 6: "-ERR some deleted messages not removed"; RFC 3206 4: the cause is temporary. */
    private static final String NOT_REMOVED = "-ERR [SYS/TEMP] Some deleted messages not removed\r\n";

    private final Pop3Connection connection;
    private final Pop3Settings settings;
    private final Pop3Services services;

    private Pop3State state = Pop3State.AUTHORIZATION;
    private String pendingUser;
    private Continuation continuation;
    private int authFailures;
    private int commandsBeforeLogin;
    private boolean multiLineOpen;
    private MaildropLock lock;
    private Maildrop maildrop;
    private ContentReadAhead contents;

    public Pop3Session(Pop3Connection connection, Pop3Settings settings, Pop3Services services) {
        this.connection = connection;
        this.settings = settings;
        this.services = services;
    }

    // ---- lifecycle ----

    /** RFC 1939 4: the greeting. No APOP timestamp: APOP is not offered (its MD5 secret would need the plain password stored). */
    public void start() {
        services.metrics().sessionOpened();
        ok(settings.hostname() + " POP3 server ready");
    }

    /** RFC 1939 3 autologout: the session ends without entering UPDATE, so nothing marked is removed. */
    public void idleTimeout() {
        connection.write(ascii("-ERR Autologout; idle for too long\r\n"));
        release();
    }

    /** The server is stopping: as a dropped connection, nothing marked is removed. */
    public void shutdown() {
        connection.closeAfter(new Pop3Error(ResponseCode.SYS_TEMP, "Server shutting down, try again later").toReply());
        release();
    }

    /** The connection is gone, however it ended: the maildrop lock goes with it. */
    public void closed() {
        release();
    }

    // ---- what commands see ----

    public Pop3State state() {
        return state;
    }

    public Pop3Settings settings() {
        return settings;
    }

    public Pop3Services services() {
        return services;
    }

    public Pop3Connection connection() {
        return connection;
    }

    /** RFC 2595 4 and the platform's security defaults: passwords travel only inside TLS. */
    public boolean plaintextAuthAllowed() {
        return connection.tlsActive() || settings.allowPlaintextAuth();
    }

    public Optional<String> pendingUser() {
        return Optional.ofNullable(pendingUser);
    }

    public void pendingUser(String user) {
        this.pendingUser = user;
    }

    /** The open maildrop; only in TRANSACTION, which the dispatcher guarantees. */
    public Maildrop maildrop() {
        if (maildrop == null) {
            throw new IllegalStateException("no maildrop outside TRANSACTION");
        }
        return maildrop;
    }

    public void expectContinuation(Continuation next) {
        this.continuation = next;
    }

    /** The pending continuation, removed: each client line answers it at most once. */
    public Optional<Continuation> takeContinuation() {
        Continuation next = continuation;
        continuation = null;
        return Optional.ofNullable(next);
    }

    /** Counts a command given before login; false once the limit is passed (the connection is then closed). */
    public boolean countCommandBeforeLogin() {
        if (state != Pop3State.AUTHORIZATION) {
            return true;
        }
        if (++commandsBeforeLogin > settings.maxCommandsBeforeLogin()) {
            connection.closeAfter(ascii("-ERR Too many commands without logging in\r\n"));
            return false;
        }
        return true;
    }

    // ---- replies ----

    public void ok(String text) {
        connection.write(ascii(text.isEmpty() ? "+OK\r\n" : "+OK " + text + "\r\n"));
    }

    public void error(Pop3Error error) {
        connection.write(error.toReply());
    }

    /** Raw reply text with its CRLF, e.g. the "+ " of an AUTH challenge (RFC 5034 4). */
    public void send(String line) {
        connection.write(ascii(line));
    }

    /** Where RETR and TOP get the octets of the open maildrop's messages; only in TRANSACTION. */
    public ContentReadAhead contents() {
        if (contents == null) {
            throw new IllegalStateException("no maildrop outside TRANSACTION");
        }
        return contents;
    }

    /** Sends "+OK text" and opens the multi-line body; the caller ends it with {@link #endMultiLine}. */
    public DotStuffer beginMultiLine(String text) {
        ok(text);
        multiLineOpen = true;
        return new DotStuffer(connection::write);
    }

    public void endMultiLine(DotStuffer body) {
        body.finish();
        multiLineOpen = false;
    }

    /**
     * A failure after a multi-line response began can't be reported (the client would take the
     * reply as message text): the connection is closed instead, and the client sees a truncated
     * response, as after a network failure.
     */
    public boolean abortIfMidResponse() {
        if (!multiLineOpen) {
            return false;
        }
        connection.close();
        release();
        return true;
    }

    // ---- AUTHORIZATION → TRANSACTION ----

    /**
     * The client proved who it is: lock and open the maildrop (RFC 1939 4, PASS). Without the lock
     * the session stays in AUTHORIZATION.
     *
     * @param mechanism {@code USER} or the SASL mechanism, for metrics
     */
    public void login(Account account, String mechanism) throws Pop3Error {
        pendingUser = null;
        LockAttempt attempt = services.locks().tryLock(account.id());
        MaildropLock acquired = switch (attempt) {
            case LockAttempt.Acquired a -> a.lock();
            case LockAttempt.InUse i -> {
                services.metrics().login(mechanism, "in_use");
                // RFC 2449 8.1.1: the maildrop is locked by another session.
                throw new Pop3Error(ResponseCode.IN_USE, "maildrop already locked");
            }
            case LockAttempt.Busy b -> {
                services.metrics().login(mechanism, "busy");
                throw new Pop3Error(ResponseCode.SYS_TEMP, "Too many sessions, try again later");
            }
            case LockAttempt.Unavailable u -> {
                services.metrics().login(mechanism, "unavailable");
                throw new Pop3Error(ResponseCode.SYS_TEMP, "Maildrop unavailable, try again later");
            }
        };
        MaildropSnapshot snapshot;
        try {
            snapshot = services.store().open(account);
        } catch (RuntimeException e) {
            acquired.close();
            log.warn("opening the maildrop of account {} failed: {}", account.id(), e.toString());
            services.metrics().login(mechanism, "unavailable");
            throw new Pop3Error(ResponseCode.SYS_TEMP, "Maildrop unavailable, try again later");
        }
        lock = acquired;
        maildrop = new Maildrop(snapshot);
        contents = new ContentReadAhead(services.store());
        state = Pop3State.TRANSACTION;
        services.metrics().login(mechanism, "success");
        ok("maildrop has " + maildrop.count() + " messages (" + maildrop.octets() + " octets)");
    }

    /**
     * A failed login: replies, and closes the connection after too many on it (the password
     * throttle in mail-auth limits guessing across connections).
     */
    public void loginFailed(String mechanism, String result, Pop3Error error) {
        pendingUser = null;
        services.metrics().login(mechanism, result);
        if (++authFailures >= settings.maxAuthFailures()) {
            connection.closeAfter(error.toReply());
            return;
        }
        error(error);
    }

    // ---- STLS ----

    /**
     * RFC 2595 4: "+OK", then TLS. The kernel discards input pipelined behind STLS; the session
     * forgets what the client told it in plaintext (the USER name).
     */
    public void startTls() {
        pendingUser = null;
        continuation = null;
        connection.startTls(ascii("+OK Begin TLS negotiation\r\n"));
    }

    // ---- QUIT ----

    /** RFC 1939 4: QUIT in AUTHORIZATION ends the session; there is nothing to update. */
    public void quitWithoutUpdate() {
        release();
        connection.closeAfter(ascii("+OK " + settings.hostname() + " POP3 server signing off\r\n"));
    }

    /**
     * RFC 1939 6 UPDATE: removes the marked messages, releases the lock, says goodbye. On a failure
     * nothing is removed (one transaction) and the reply is negative, as RFC 1939 6 asks.
     */
    public void update() {
        state = Pop3State.UPDATE;
        List<Long> uids = maildrop.deletedUids();
        Removal removal = null;
        String farewell;
        if (uids.isEmpty()) {
            farewell = "+OK " + settings.hostname() + " POP3 server signing off (maildrop has "
                    + maildrop.count() + " messages)\r\n";
        } else if (lock == null || !lock.stillHeld()) {
            // Without the lock another session may have opened this maildrop: remove nothing.
            log.warn("maildrop lock of mailbox {} was lost; {} messages not removed", maildrop.snapshot().mailboxId(),
                    uids.size());
            farewell = NOT_REMOVED;
        } else {
            try {
                removal = services.store().remove(maildrop.snapshot(), uids);
                services.metrics().deleted(removal.uids().size());
                farewell = "+OK " + settings.hostname() + " POP3 server signing off (" + uids.size()
                        + " messages deleted)\r\n";
            } catch (RuntimeException e) {
                log.warn("removing {} messages from mailbox {} failed: {}", uids.size(),
                        maildrop.snapshot().mailboxId(), e.toString());
                farewell = NOT_REMOVED;
            }
        }
        release();
        connection.closeAfter(ascii(farewell));
        if (removal != null) {
            services.store().announce(removal);
        }
    }

    private void release() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
