package org.mailplatform.store;

import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.migration.MigrateDatabase;
import org.mailplatform.testsupport.TestDatabase;

/** The JVM's test database, migrated once, with a store on a pooled DataSource. */
public final class StoreTestDatabase {

    /** A syntactically valid Argon2id hash; these tests never verify passwords. */
    public static final String HASH = "$argon2id$v=19$m=16384,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    private static volatile HikariDataSource dataSource;
    private static volatile MailStore store;

    private StoreTestDatabase() {
    }

    public static DataSource dataSource() {
        if (dataSource == null) {
            synchronized (StoreTestDatabase.class) {
                if (dataSource == null) {
                    TestDatabase db = TestDatabase.get();
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(db.jdbcUrl());
                    config.setUsername(db.username());
                    config.setPassword(db.password());
                    config.setMaximumPoolSize(20);
                    config.setPoolName("store-test");
                    HikariDataSource ds = new HikariDataSource(config);
                    MigrateDatabase.migrate(ds);
                    store = MailStore.create(ds);
                    dataSource = ds;
                }
            }
        }
        return dataSource;
    }

    public static MailStore store() {
        dataSource();
        return store;
    }

    /** A fresh local domain, so test classes sharing the database never see each other's rows. */
    public static String newDomain() {
        String name = "d" + UUID.randomUUID().toString().substring(0, 12).toLowerCase(Locale.ROOT) + ".test";
        store().domains().create(name);
        return name;
    }

    public static Account newAccount(String domain, String localPart) {
        return store().accounts().create(new EmailAddress(localPart, domain), HASH, Account.UNLIMITED);
    }

    public static Account newAccount(String domain, String localPart, long quota) {
        return store().accounts().create(new EmailAddress(localPart, domain), HASH, quota);
    }
}
