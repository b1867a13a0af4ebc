package org.mailplatform.pop3.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailplatform.testsupport.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Advisory maildrop locks on the real PostgreSQL server. */
class MaildropLocksTest {

    private final String application = "maildrop-lock-test-" + UUID.randomUUID();

    private MaildropLocks locks(int max) {
        return locks(max, 0);
    }

    private MaildropLocks locks(int max, int maxIdle) {
        TestDatabase db = TestDatabase.get();
        DriverManagerDataSource connections = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        Properties options = new Properties();
        options.setProperty("ApplicationName", application);
        connections.setConnectionProperties(options);
        return new MaildropLocks(connections, max, maxIdle);
    }

    private static MaildropLock acquired(LockAttempt attempt) {
        assertThat(attempt).isInstanceOf(LockAttempt.Acquired.class);
        return ((LockAttempt.Acquired) attempt).lock();
    }

    private long openLockConnections() throws Exception {
        try (Connection c = TestDatabase.get().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + application + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void oneHolderPerAccountAcrossInstances() {
        // Two instances stand for two replicas: they share nothing but the database.
        MaildropLocks replicaA = locks(5);
        MaildropLocks replicaB = locks(5);
        MaildropLock held = acquired(replicaA.tryLock(1001));
        assertThat(replicaB.tryLock(1001)).isInstanceOf(LockAttempt.InUse.class);
        assertThat(replicaA.tryLock(1001)).isInstanceOf(LockAttempt.InUse.class);
        MaildropLock other = acquired(replicaB.tryLock(1002));
        held.close();
        MaildropLock next = acquired(replicaB.tryLock(1001));
        next.close();
        other.close();
    }

    @Test
    void eachHeldLockHasItsOwnConnectionWhichClosingEnds() throws Exception {
        MaildropLocks locks = locks(5);
        MaildropLock a = acquired(locks.tryLock(2001));
        MaildropLock b = acquired(locks.tryLock(2002));
        assertThat(openLockConnections()).isEqualTo(2);
        assertThat(locks.held()).isEqualTo(2);
        a.close();
        a.close();
        assertThat(locks.held()).isEqualTo(1);
        b.close();
        assertThat(openLockConnections()).isZero();
        assertThat(locks.held()).isZero();
    }

    @Test
    void aFailedAttemptKeepsNoConnection() throws Exception {
        MaildropLocks locks = locks(5);
        MaildropLock held = acquired(locks.tryLock(3001));
        assertThat(locks.tryLock(3001)).isInstanceOf(LockAttempt.InUse.class);
        assertThat(openLockConnections()).isEqualTo(1);
        assertThat(locks.held()).isEqualTo(1);
        held.close();
    }

    @Test
    void theReplicaLimitGivesBusyInsteadOfMoreConnections() throws Exception {
        MaildropLocks locks = locks(2);
        MaildropLock a = acquired(locks.tryLock(4001));
        MaildropLock b = acquired(locks.tryLock(4002));
        assertThat(locks.tryLock(4003)).isInstanceOf(LockAttempt.Busy.class);
        assertThat(openLockConnections()).isEqualTo(2);
        a.close();
        MaildropLock c = acquired(locks.tryLock(4003));
        b.close();
        c.close();
    }

    @Test
    void largeAccountIdsDoNotCollide() {
        MaildropLocks locks = locks(5);
        long low = 5001;
        long high = (1L << 32) + 5001;
        MaildropLock a = acquired(locks.tryLock(low));
        MaildropLock b = acquired(locks.tryLock(high));
        b.close();
        a.close();
    }

    @Test
    void anUnlockedConnectionIsKeptForTheNextLoginAndHoldsNoLock() throws Exception {
        MaildropLocks locks = locks(5, 1);
        acquired(locks.tryLock(6001)).close();
        assertThat(locks.idle()).isEqualTo(1);
        assertThat(locks.held()).isZero();
        assertThat(openLockConnections()).isEqualTo(1);
        // The kept connection released its lock: another replica gets the maildrop.
        MaildropLock elsewhere = acquired(locks(5).tryLock(6001));
        elsewhere.close();
        MaildropLock next = acquired(locks.tryLock(6002));
        assertThat(locks.idle()).isZero();
        assertThat(openLockConnections()).isEqualTo(1);
        assertThat(locks(5).tryLock(6002)).isInstanceOf(LockAttempt.InUse.class);
        next.close();
        locks.close();
        assertThat(openLockConnections()).isZero();
    }

    @Test
    void onlyMaxIdleConnectionsAreKept() throws Exception {
        MaildropLocks locks = locks(5, 1);
        MaildropLock a = acquired(locks.tryLock(7001));
        MaildropLock b = acquired(locks.tryLock(7002));
        a.close();
        b.close();
        assertThat(locks.idle()).isEqualTo(1);
        assertThat(openLockConnections()).isEqualTo(1);
        locks.close();
    }

    @Test
    void aKeptConnectionTheServerEndedIsReplaced() throws Exception {
        MaildropLocks locks = locks(5, 1);
        acquired(locks.tryLock(8001)).close();
        try (Connection c = TestDatabase.get().connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + application + "'");
        }
        MaildropLock lock = acquired(locks.tryLock(8001));
        assertThat(lock.stillHeld()).isTrue();
        lock.close();
        locks.close();
    }

    @Test
    void anUnreachableDatabaseIsUnavailable() {
        DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none", "x", "y");
        MaildropLocks locks = new MaildropLocks(nowhere, 1);
        assertThat(locks.tryLock(1)).isInstanceOf(LockAttempt.Unavailable.class);
        assertThat(locks.held()).isZero();
    }
}
