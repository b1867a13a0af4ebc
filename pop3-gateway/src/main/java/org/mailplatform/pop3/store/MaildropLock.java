package org.mailplatform.pop3.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held maildrop lock: a PostgreSQL session-level advisory lock on a connection of its own. Closing
 * unlocks and hands the connection back to {@link MaildropLocks}, which keeps it for another login
 * only when the server confirmed the unlock; should the unlock fail, closing the connection ends the
 * database session, which releases the lock all the same (so does a crashed replica, when
 * PostgreSQL notices the connection is gone).
 */
public final class MaildropLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MaildropLock.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final Connection connection;
    private final int classKey;
    private final int objectKey;
    private final Released onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    /** Takes the connection back once the lock is released: {@code unlocked} says whether the server confirmed it. */
    @FunctionalInterface
    interface Released {
        void connection(Connection connection, boolean unlocked);
    }

    MaildropLock(Connection connection, int classKey, int objectKey, Released onRelease) {
        this.connection = connection;
        this.classKey = classKey;
        this.objectKey = objectKey;
        this.onRelease = onRelease;
    }

    /**
     * Whether the lock still protects the maildrop: a session-level advisory lock lasts as long as its
     * database session, so it is held exactly while this connection is alive. A database restart or
     * an administrator's pg_terminate_backend ends it without telling the holder.
     */
    public boolean stillHeld() {
        if (released.get()) {
            return false;
        }
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Releases the lock; idempotent, never throws. */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        // An explicit unlock makes the release visible before close() returns, so a client that
        // reconnects at once finds the maildrop free.
        boolean unlocked = false;
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, classKey);
            unlock.setInt(2, objectKey);
            try (ResultSet rs = unlock.executeQuery()) {
                unlocked = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            log.debug("explicit maildrop unlock failed; closing the connection releases it: {}", e.getMessage());
        }
        onRelease.connection(connection, unlocked);
    }
}
