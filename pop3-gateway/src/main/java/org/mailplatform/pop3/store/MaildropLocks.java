package org.mailplatform.pop3.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive maildrop access across all replicas (RFC 1939 4: the server acquires an exclusive lock
 * on the maildrop; RFC 2449 8.1.1: a second session gets IN-USE).
 *
 * <p>The lock is {@code pg_try_advisory_lock} on a connection that exists only for the session
 * holding it: it comes from {@code lockConnections}, a source of new unpooled connections, never from
 * the application's pool, so a crowd of logged-in sessions can't starve the queries that serve them,
 * and a lock can never stay behind on a pooled connection handed to someone else. A semaphore bounds
 * how many such connections this replica holds; past it, logins get a temporary error instead of
 * exhausting PostgreSQL's {@code max_connections}.
 *
 * <p>Opening a PostgreSQL connection (a new server process, authentication, session setup) costs
 * more than the rest of a login together, so up to {@code maxIdle} connections whose lock was
 * released are kept for the next logins. A connection goes back only when the server confirmed
 * the unlock ({@code pg_advisory_unlock} returned true): it then holds no maildrop lock, and the
 * next holder starts from a clean session. One that fails when it is used again (the server
 * restarted, an administrator ended it) is closed and a new one opened.
 *
 * <p>Key: the two-integer form, in a namespace of its own ("POP3"), so other advisory-lock users of
 * the same database can't collide with maildrop locks.
 */
public final class MaildropLocks {

    static final int NAMESPACE = 0x504F5033;

    private static final Logger log = LoggerFactory.getLogger(MaildropLocks.class);

    private final DataSource lockConnections;
    private final Semaphore slots;
    private final int maxHeld;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /**
     * Closes every connection as soon as its lock is released.
     *
     * @param lockConnections gives a new physical connection per call (not a pool)
     * @param maxHeld         most maildrops this replica holds at once
     */
    public MaildropLocks(DataSource lockConnections, int maxHeld) {
        this(lockConnections, maxHeld, 0);
    }

    /**
     * @param lockConnections gives a new physical connection per call (not a pool)
     * @param maxHeld         most maildrops this replica holds at once
     * @param maxIdle         unlocked connections kept for the next logins (0: none), at most {@code maxHeld}
     */
    public MaildropLocks(DataSource lockConnections, int maxHeld, int maxIdle) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1");
        }
        if (maxIdle < 0 || maxIdle > maxHeld) {
            throw new IllegalArgumentException("maxIdle must be between 0 and maxHeld");
        }
        this.lockConnections = lockConnections;
        this.maxHeld = maxHeld;
        this.maxIdle = maxIdle;
        this.slots = new Semaphore(maxHeld);
    }

    /** Tries once, without waiting: a held maildrop is reported at once (RFC 1939 4 PASS: "-ERR maildrop already locked"). */
    public LockAttempt tryLock(long accountId) {
        if (!slots.tryAcquire()) {
            return new LockAttempt.Busy();
        }
        int classKey = NAMESPACE ^ (int) (accountId >>> 32);
        int objectKey = (int) accountId;
        Connection connection = null;
        try {
            Boolean acquired = null;
            connection = takeIdle();
            if (connection != null) {
                try {
                    acquired = acquire(connection, classKey, objectKey);
                } catch (SQLException e) {
                    log.debug("a kept maildrop lock connection failed, opening a new one: {}", e.getMessage());
                    closeQuietly(connection);
                    connection = null;
                }
            }
            if (connection == null) {
                connection = open();
                acquired = acquire(connection, classKey, objectKey);
            }
            if (acquired) {
                return new LockAttempt.Acquired(new MaildropLock(connection, classKey, objectKey, this::released));
            }
            keepOrClose(connection);
            slots.release();
            return new LockAttempt.InUse();
        } catch (SQLException | RuntimeException e) {
            log.warn("maildrop lock for account {} failed: {}", accountId, e.getMessage());
            closeQuietly(connection);
            slots.release();
            return new LockAttempt.Unavailable();
        }
    }

    /** Maildrops this replica holds now. */
    public int held() {
        return maxHeld - slots.availablePermits();
    }

    private Connection open() throws SQLException {
        Connection connection = lockConnections.getConnection();
        connection.setAutoCommit(true);
        keepIdleSessionAlive(connection);
        return connection;
    }

    private Connection takeIdle() {
        Connection connection = idle.pollFirst();
        if (connection != null) {
            idleCount.decrementAndGet();
        }
        return connection;
    }

    // A connection whose lock was released (or never taken): kept when there is room, else closed.
    private void keepOrClose(Connection connection) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offerFirst(connection);
        } else {
            idleCount.decrementAndGet();
            closeQuietly(connection);
        }
    }

    private void released(Connection connection, boolean unlocked) {
        try {
            if (unlocked) {
                keepOrClose(connection);
            } else {
                closeQuietly(connection);
            }
        } finally {
            slots.release();
        }
    }

    /** Closes the kept connections (at shutdown); held locks are closed by their sessions. */
    public void close() {
        Connection connection;
        while ((connection = takeIdle()) != null) {
            closeQuietly(connection);
        }
    }

    /** Connections kept for reuse now, holding no lock. */
    public int idle() {
        return idleCount.get();
    }

    private static boolean acquire(Connection connection, int classKey, int objectKey) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, classKey);
            lock.setInt(2, objectKey);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    // The lock connection is idle by design; a server-wide idle_session_timeout (PostgreSQL 14+) would
    // end it and silently drop the lock. Older servers lack the setting, which is harmless.
    private static void keepIdleSessionAlive(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET idle_session_timeout = 0");
        } catch (SQLException e) {
            log.debug("idle_session_timeout not set: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a maildrop lock connection failed: {}", e.getMessage());
        }
    }
}
