package org.mailplatform.imap.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mailplatform.imap.protocol.ImapResponseWriter;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.sync.MailboxWatcher;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.message.MailboxUpdates;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One client's IMAP session: its state (RFC 9051 3), the account once logged in, the selected
 * mailbox, the extensions the client enabled, and the responses being written. Touched only on
 * the connection's session thread; other threads reach it through {@link ClientConnection#execute}.
 */
public final class ImapSession implements MailboxWatcher {

    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);

    private final ClientConnection connection;
    private final ImapServices services;
    private final ImapResponseWriter out = new ImapResponseWriter();

    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private Account account;
    private SelectedMailbox selected;
    private boolean condstore;
    private boolean qresync;
    private boolean utf8;
    private boolean imap4rev2;
    private ContinuationHandler continuation;
    private boolean idling;
    private boolean holdsAccountPlace;
    private final AtomicBoolean updatePending = new AtomicBoolean();

    public ImapSession(ClientConnection connection, ImapServices services) {
        this.connection = connection;
        this.services = services;
    }

    public ClientConnection connection() {
        return connection;
    }

    public ImapServices services() {
        return services;
    }

    public ImapResponseWriter out() {
        return out;
    }

    public SessionState state() {
        return state;
    }

    public Account account() {
        return account;
    }

    public long accountId() {
        return account.id();
    }

    /** The account's address as mailbox events name it. */
    public String accountName() {
        return account.address().toString();
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public boolean condstoreEnabled() {
        return condstore;
    }

    public boolean qresyncEnabled() {
        return qresync;
    }

    public boolean utf8Enabled() {
        return utf8;
    }

    public boolean imap4rev2Enabled() {
        return imap4rev2;
    }

    /**
     * RFC 7162 3.1: once the client used a CONDSTORE feature, FETCH responses carry MODSEQ. The
     * first such command in the selected state also gets the mailbox's HIGHESTMODSEQ, which the
     * SELECT did not send (RFC 7162 3.1, "CONDSTORE enabling command").
     */
    public void enableCondstore() {
        if (!condstore && selected != null) {
            out.untagged(ImapStatus.OK, ResponseCode.highestModSeq(selected.syncedModseq()), "Highest");
        }
        condstore = true;
    }

    /** RFC 7162 3.2.3: QRESYNC implies CONDSTORE. */
    public void enableQresync() {
        enableCondstore();
        qresync = true;
    }

    public void enableUtf8() {
        if (!utf8) {
            utf8 = true;
            out.enableUtf8();
            connection.enableUtf8();
        }
    }

    /** RFC 9051: IMAP4rev2 semantics; its strings may carry UTF-8. */
    public void enableImap4rev2() {
        imap4rev2 = true;
        enableUtf8();
    }

    public boolean plaintextAuthAllowed() {
        return connection.tlsActive() || services.settings().allowPlaintextAuth();
    }

    /**
     * Logged in (RFC 9051 6.2.3): the authenticated state and its limits, unless the account already has
     * as many connections from this client address as {@link AccountConnections} allows.
     *
     * @return false, and still not authenticated, when over the limit: the command answers {@code NO [LIMIT]}
     */
    public boolean loggedIn(Account authenticated) {
        if (!services.accountConnections().tryOpen(authenticated.id(), connection.clientAddress().getAddress())) {
            services.metrics().loginRefused("connections_per_user");
            log.info("session {}: {} already has {} connections from {}; login refused", connection.sessionId(),
                    authenticated.address(), services.accountConnections().limit(), connection.clientAddress().getAddress());
            return false;
        }
        holdsAccountPlace = true;
        account = authenticated;
        state = SessionState.AUTHENTICATED;
        connection.authenticated();
        return true;
    }

    /** The reply text of a login refused by {@link #loggedIn}, as Dovecot words it. */
    public String tooManyConnectionsText() {
        return "Maximum number of connections from user+IP exceeded (max " + services.accountConnections().limit() + ")";
    }

    public void select(SelectedMailbox mailbox) {
        deselect();
        selected = mailbox;
        state = SessionState.SELECTED;
        services.registry().register(mailbox.id(), this);
    }

    /** Leaves the selected state (CLOSE, UNSELECT, a failed SELECT: RFC 9051 6.3.2). */
    public void deselect() {
        if (selected != null) {
            services.registry().unregister(selected.id(), this);
            selected = null;
        }
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    public void loggingOut() {
        deselect();
        state = SessionState.LOGOUT;
    }

    /** The connection is gone: stop receiving mailbox changes. */
    public void closed() {
        if (holdsAccountPlace) {
            holdsAccountPlace = false;
            services.accountConnections().close(account.id(), connection.clientAddress().getAddress());
        }
        deselect();
        idling = false;
        services.metrics().idleEnded(this);
        state = SessionState.LOGOUT;
    }

    public void awaitContinuation(ContinuationHandler handler) {
        continuation = handler;
        connection.expectContinuationLine();
    }

    /** The handler waiting for the next client line, cleared on the way out. */
    public Optional<ContinuationHandler> takeContinuation() {
        ContinuationHandler handler = continuation;
        continuation = null;
        return Optional.ofNullable(handler);
    }

    public void startIdle() {
        idling = true;
        services.metrics().idleStarted(this);
    }

    public void endIdle() {
        idling = false;
        services.metrics().idleEnded(this);
    }

    public boolean idling() {
        return idling;
    }

    /** The STARTTLS go-ahead was sent: forget anything negotiated in plaintext (RFC 9051 6.2.1). */
    public void tlsStarted() {
        continuation = null;
    }

    public void tagged(String tag, ImapStatus status, ResponseCode code, String text) {
        out.tagged(tag, status, code, text);
    }

    /** Hands what was written so far to the connection. */
    public void send() {
        if (out.size() > 0) {
            connection.write(out.drain());
        }
    }

    /** Sends and pushes it to the client now (large FETCH responses, IDLE). */
    public void flush() {
        send();
        connection.flush();
    }

    // ---- mailbox updates (RFC 9051 7.4, 7.5.1; RFC 7162 3.2.10) ----

    /**
     * Called from any thread when another session or a delivery changed a mailbox. Events coalesce: at most
     * one update waits for the session thread, however many changes arrive while the session is busy (or
     * waits for a client that does not read), since the update reads the store and tells it all at once.
     */
    @Override
    public void mailboxChanged(long mailboxId) {
        if (!updatePending.compareAndSet(false, true)) {
            return;
        }
        connection.execute(() -> {
            updatePending.set(false);
            if (idling && selected != null) {
                try {
                    writeUpdates(true);
                } catch (DataAccessException e) {
                    // The store is the truth: the next event, or DONE and the next command, read it again.
                    log.warn("session {}: mailbox updates not read: {}", connection.sessionId(), e.getMessage());
                }
                flush();
            }
        });
    }

    /**
     * To call before writing responses that show {@code flags}: a keyword the client has not
     * been told of first gets a new FLAGS response (RFC 9051 7.3.5, RFC 3501 7.2.6).
     */
    public void announceKeywords(Collection<MessageFlags> flags) {
        if (selected != null && !selected.newKeywords(flags).isEmpty()) {
            MailboxFlags.write(out, selected);
        }
    }

    /** \Recent is an IMAP4rev1 flag; RFC 9051 removed it, so IMAP4rev2 sessions neither see nor claim it. */
    public boolean recentShown() {
        return !imap4rev2;
    }

    /** A command starts: what an earlier one read of the store no longer counts as fresh. */
    public void commandStarting() {
        if (selected != null) {
            selected.takeCheckedByCommand();
        }
    }

    /**
     * Tells the client what changed in the selected mailbox since it last heard: expunges (unless
     * {@code expungesAllowed} is false, RFC 3501 7.4.1), new messages (EXISTS), and flag changes
     * (FETCH FLAGS, with MODSEQ once CONDSTORE is on). Reads the store, so it also catches changes
     * whose events were lost, unless the running command has just read it under the mailbox's row
     * lock or from one snapshot and found nothing it had not seen ({@link SelectedMailbox#changedByCommand}).
     *
     * <p>The mailbox's HIGHESTMODSEQ, the expunges and the changes after the session's MODSEQ come
     * from one statement, so from one snapshot: every change up to that HIGHESTMODSEQ is in the
     * lists and none after it, and it is the point the session counts as synced. What was already
     * shown is not repeated (the map and the per-message MODSEQ say so).
     */
    public void writeUpdates(boolean expungesAllowed) {
        if (selected == null) {
            return;
        }
        SelectedMailbox mailbox = selected;
        if (mailbox.takeCheckedByCommand()) {
            if (expungesAllowed) {
                writeExpunges(mailbox.takeUnreportedExpunges());
            }
            return;
        }
        long since = mailbox.syncedModseq();
        Optional<MailboxUpdates> read = services.messages().updatesSince(mailbox.id(), since, mailbox.all());
        if (read.isEmpty()) {
            return;
        }
        MailboxUpdates updates = read.get();
        long highest = updates.highestModseq();
        if (highest > since) {
            for (long uid : updates.expunged()) {
                mailbox.expungedButUnreported(uid);
            }
            boolean arrived = false;
            List<MessageSummary> flagChanges = new ArrayList<>();
            List<MessageFlags> shownFlags = new ArrayList<>();
            for (MessageSummary m : updates.changed()) {
                shownFlags.add(m.flags());
                if (m.uid() > mailbox.lastUid()) {
                    mailbox.append(m.uid(), m.modseq());
                    arrived = true;
                } else if (mailbox.sequenceOf(m.uid()) > 0 && m.modseq() > mailbox.knownModseq(mailbox.sequenceOf(m.uid()))) {
                    flagChanges.add(m);
                }
            }
            mailbox.setSyncedModseq(highest);
            if (expungesAllowed) {
                writeExpunges(mailbox.takeUnreportedExpunges());
            }
            announceKeywords(shownFlags);
            if (arrived) {
                out.untagged().number(mailbox.exists()).atom("EXISTS").end();
                if (recentShown()) {
                    if (!mailbox.readOnly()) {
                        claimRecent(mailbox);
                    }
                    out.untagged().number(mailbox.recentCount()).atom("RECENT").end();
                }
            }
            for (MessageSummary m : flagChanges) {
                int seq = mailbox.sequenceOf(m.uid());
                if (mailbox.isExpunged(m.uid())) {
                    continue;
                }
                mailbox.reported(m.uid(), m.modseq());
                var line = out.untagged().number(seq).atom("FETCH").openList()
                        .atom("UID").number(m.uid())
                        .atom("FLAGS").flags(mailbox.flagNames(m.uid(), m.flags()));
                if (condstore) {
                    line.atom("MODSEQ").openList().number(m.modseq()).closeList();
                }
                line.closeList().end();
            }
        } else if (expungesAllowed) {
            writeExpunges(mailbox.takeUnreportedExpunges());
        }
    }

    /** RFC 3501 2.3.2: this session is the first to be told of the new messages, unless another session was. */
    private void claimRecent(SelectedMailbox mailbox) {
        try {
            mailbox.addRecent(services.mailboxes().claimRecent(mailbox.id(), mailbox.lastUid() + 1));
        } catch (DataAccessException e) {
            // The map already holds the new messages and EXISTS must follow; they are just not \Recent here.
            log.warn("session {}: \\Recent not claimed: {}", connection.sessionId(), e.getMessage());
        }
    }

    /** EXPUNGE responses (highest number first, so none shifts the next), or one VANISHED with QRESYNC. */
    public void writeExpunges(List<Long> uids) {
        if (uids.isEmpty() || selected == null) {
            return;
        }
        if (qresync) {
            List<Long> known = new ArrayList<>();
            for (long uid : uids) {
                if (selected.remove(uid) > 0) {
                    known.add(uid);
                }
            }
            if (!known.isEmpty()) {
                out.untagged().atom("VANISHED").sequenceSet(SequenceSet.of(known)).end();
            }
            return;
        }
        List<Integer> seqs = new ArrayList<>();
        for (long uid : uids) {
            int seq = selected.sequenceOf(uid);
            if (seq > 0) {
                seqs.add(seq);
            }
        }
        seqs.sort((a, b) -> Integer.compare(b, a));
        for (int seq : seqs) {
            selected.remove(selected.uidAt(seq));
            out.untagged().number(seq).atom("EXPUNGE").end();
        }
    }
}
