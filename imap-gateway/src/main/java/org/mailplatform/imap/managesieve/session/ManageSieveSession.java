package org.mailplatform.imap.managesieve.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.protocol.SieveResponses;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.store.account.Account;

/**
 * One ManageSieve session (RFC 5804): its state, the authenticated account and the replies.
 * Commands act on it; it never reads the network. Not thread-safe: the kernel runs one callback
 * at a time per connection.
 */
public final class ManageSieveSession {

    private final SessionContext context;
    private final ManageSieveSettings settings;
    private final ManageSieveServices services;

    private SieveState state = SieveState.NOT_AUTHENTICATED;
    private Account account;
    private Continuation continuation;
    private int authFailures;
    private int commandsBeforeLogin;
    private int badCommands;

    public ManageSieveSession(SessionContext context, ManageSieveSettings settings, ManageSieveServices services) {
        this.context = context;
        this.settings = settings;
        this.services = services;
    }

    // ---- lifecycle ----

    /** RFC 5804 1.7: the greeting is the capability list followed by OK. */
    public void start() {
        context.setIdleTimeout(settings.preAuthIdleTimeout());
        context.setMaxLineLength(settings.maxLineLength());
        writeCapabilities();
        ok("ManageSieve ready");
    }

    // ---- what commands see ----

    public SieveState state() {
        return state;
    }

    public ManageSieveSettings settings() {
        return settings;
    }

    public ManageSieveServices services() {
        return services;
    }

    public SessionContext context() {
        return context;
    }

    /** The logged-in account; only in AUTHENTICATED, which the dispatcher guarantees. */
    public Account account() {
        if (account == null) {
            throw new IllegalStateException("no account before AUTHENTICATE");
        }
        return account;
    }

    /** RFC 5804 2.1 and the platform's security defaults: PLAIN and LOGIN only inside TLS. */
    public boolean plaintextAuthAllowed() {
        return context.tlsActive() || settings.allowPlaintextAuth();
    }

    /**
     * RFC 5804 1.7: the capability lines. SASL is empty where no mechanism may be used (before
     * STARTTLS), STARTTLS only while it can be started, OWNER only once authenticated.
     */
    public List<String> capabilities() {
        List<String> lines = new ArrayList<>();
        lines.add("\"IMPLEMENTATION\" " + SieveResponses.string(settings.implementation()));
        String mechanisms = state == SieveState.NOT_AUTHENTICATED && plaintextAuthAllowed()
                ? String.join(" ", services.sasl().mechanisms(ChannelBinding.of(context.sslSession()))) : "";
        lines.add("\"SASL\" " + SieveResponses.string(mechanisms));
        lines.add("\"SIEVE\" " + SieveResponses.string(String.join(" ", services.scripts().extensions())));
        if (context.canStartTls() && state == SieveState.NOT_AUTHENTICATED) {
            lines.add("\"STARTTLS\"");
        }
        lines.add("\"MAXREDIRECTS\" " + SieveResponses.string(Integer.toString(settings.maxRedirects())));
        if (state == SieveState.AUTHENTICATED) {
            lines.add("\"OWNER\" " + SieveResponses.string(account.address().toString()));
        }
        lines.add("\"UNAUTHENTICATE\"");
        lines.add("\"VERSION\" \"1.0\"");
        return lines;
    }

    public void writeCapabilities() {
        capabilities().forEach(line -> send(line + "\r\n"));
    }

    // ---- replies ----

    public void ok(String text) {
        send(SieveResponses.response("OK", null, text));
    }

    public void ok(String code, String text) {
        send(SieveResponses.response("OK", code, text));
    }

    public void error(SieveError error) {
        if (error.isBye()) {
            bye(error.toReply());
        } else {
            send(error.toReply());
        }
    }

    /** Raw text with its CRLF. */
    public void send(String text) {
        context.write(text);
    }

    public void bye(String reply) {
        state = SieveState.LOGOUT;
        context.closeAfter(reply.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the dispatcher's counters ----

    /** Counts a command given before authentication; false (and BYE) once past the limit. */
    public boolean countCommandBeforeLogin() {
        if (state != SieveState.NOT_AUTHENTICATED || ++commandsBeforeLogin <= settings.maxCommandsBeforeLogin()) {
            return true;
        }
        bye(SieveResponses.response("BYE", null, "Too many commands without authenticating"));
        return false;
    }

    /** Replies to a malformed or unknown command; the connection closes after too many. */
    public void badCommand(SieveError error) {
        if (++badCommands >= settings.maxBadCommands()) {
            bye(SieveResponses.response("BYE", null, error.text() + "; too many bad commands"));
            return;
        }
        error(error);
    }

    public void expectContinuation(Continuation next) {
        continuation = next;
    }

    /** The pending continuation, removed: each client string answers it at most once. */
    public Optional<Continuation> takeContinuation() {
        Continuation next = continuation;
        continuation = null;
        return Optional.ofNullable(next);
    }

    // ---- state changes ----

    /**
     * RFC 5804 2.2: OK, then TLS; once the handshake is done the capabilities are sent again,
     * followed by OK. Input pipelined behind STARTTLS is discarded by the kernel.
     */
    public void startTls() {
        continuation = null;
        context.startTls(SieveResponses.response("OK", null, "Begin TLS negotiation").getBytes(StandardCharsets.US_ASCII))
                .thenRun(() -> context.execute(() -> {
                    writeCapabilities();
                    ok("TLS negotiation successful");
                    context.flush();
                }));
    }

    /** RFC 5804 2.1: authenticated; the login deadline ends and the longer idle timeout applies. */
    public void login(Account authenticated) {
        account = authenticated;
        state = SieveState.AUTHENTICATED;
        context.clearDeadline();
        context.setIdleTimeout(settings.idleTimeout());
        ok("Authenticated");
    }

    /** A failed AUTHENTICATE: the reply, or BYE after too many on this connection. */
    public void loginFailed(SieveError error) {
        if (++authFailures >= settings.maxAuthFailures()) {
            bye(SieveResponses.response("BYE", error.code(), error.text()));
            return;
        }
        error(error);
    }

    /** RFC 5804 2.14.1: back to the non-authenticated state, as after the greeting. */
    public void unauthenticate() {
        account = null;
        state = SieveState.NOT_AUTHENTICATED;
        commandsBeforeLogin = 0;
        context.restartLoginDeadline();
        context.setIdleTimeout(settings.preAuthIdleTimeout());
        ok("Unauthenticated");
    }

    /** RFC 5804 2.3: OK, then the server closes the connection. */
    public void logout() {
        state = SieveState.LOGOUT;
        context.closeAfter(SieveResponses.response("OK", null, "Logout completed").getBytes(StandardCharsets.US_ASCII));
    }
}
