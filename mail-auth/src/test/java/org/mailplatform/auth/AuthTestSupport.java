package org.mailplatform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.migration.MigrateDatabase;
import org.mailplatform.testsupport.TestDatabase;

/** The JVM's test database (migrated once), a store on it, and cheap hashing settings for speed. */
final class AuthTestSupport {

    private static volatile HikariDataSource dataSource;
    private static volatile MailStore store;

    private AuthTestSupport() {
    }

    static DataSource dataSource() {
        if (dataSource == null) {
            synchronized (AuthTestSupport.class) {
                if (dataSource == null) {
                    TestDatabase db = TestDatabase.get();
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(db.jdbcUrl());
                    config.setUsername(db.username());
                    config.setPassword(db.password());
                    config.setMaximumPoolSize(8);
                    HikariDataSource ds = new HikariDataSource(config);
                    MigrateDatabase.migrate(ds);
                    store = MailStore.create(ds);
                    dataSource = ds;
                }
            }
        }
        return dataSource;
    }

    static MailStore store() {
        dataSource();
        return store;
    }

    /** Argon2id with little memory: the same code path, a fraction of the time. */
    static PasswordHasher fastHasher() {
        return new PasswordHasher(1024, 1, 1);
    }

    /** The default limits, but failures are answered at once. */
    static LoginThrottle.Limits limitsWithoutDelay() {
        LoginThrottle.Limits d = LoginThrottle.Limits.defaults();
        return new LoginThrottle.Limits(d.accountMaxFailures(), d.addressMaxFailures(), d.window(), d.initialDelay(),
                d.maxDelay(), d.maxTrackedKeys(), d.ipv6PrefixLength(), Duration.ZERO, Duration.ZERO);
    }

    static String newDomain() {
        String name = "a" + UUID.randomUUID().toString().substring(0, 12).toLowerCase(Locale.ROOT) + ".test";
        store().domains().create(name);
        return name;
    }

    /** A clock the test moves by hand, so throttling is tested without sleeping. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
