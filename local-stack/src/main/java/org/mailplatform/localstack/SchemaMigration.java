package org.mailplatform.localstack;

import javax.sql.DataSource;

import org.flywaydb.core.api.output.MigrateResult;
import org.mailplatform.store.migration.MigrateDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date before any service starts, as the deploy's migration Job does in
 * production: the services themselves never migrate.
 */
final class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    static void run(DataSource dataSource) {
        MigrateResult result = MigrateDatabase.migrate(dataSource);
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        log.info("Schema at version {} ({} migration(s) applied now)", version, result.migrationsExecuted);
    }
}
