package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.migration.MigrateDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

class MigrationTest {

    private final JdbcClient jdbc = JdbcClient.create(StoreTestDatabase.dataSource());

    @Test
    void aSecondRunFindsNothingToDo() throws Exception {
        MigrateResult again = MigrateDatabase.migrate(StoreTestDatabase.dataSource());

        assertThat(again.migrationsExecuted).isZero();
        int files = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath:db/migration/V*.sql").length;
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .isEqualTo(files);
    }

    @Test
    void theDatabaseRefusesAPasswordStoredAsPlainText() {
        String domain = StoreTestDatabase.newDomain();
        long domainId = StoreTestDatabase.store().domains().find(domain).orElseThrow().id();

        assertThatThrownBy(() -> jdbc.sql("INSERT INTO accounts (domain_id, local_part, password_hash) VALUES (?, 'eve', 'hunter2')")
                .param(domainId).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theDatabaseRefusesAnUpperCaseDomain() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO domains (name) VALUES ('Example.TEST')").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void uidValiditySequenceStartsAtMigrationTime() {
        long value = jdbc.sql("SELECT last_value FROM mailbox_uid_validity_seq").query(Long.class).single();

        assertThat(value).isGreaterThan(1_700_000_000L).isLessThan(4_294_967_295L);
    }

    @Test
    void messageContentIsStoredUncompressedOutOfLine() {
        String storage = jdbc.sql("""
                SELECT a.attstorage::text FROM pg_attribute a
                 WHERE a.attrelid = 'message_bodies'::regclass AND a.attname = 'content'
                """).query(String.class).single();

        assertThat(storage).isEqualTo("e");
    }
}
