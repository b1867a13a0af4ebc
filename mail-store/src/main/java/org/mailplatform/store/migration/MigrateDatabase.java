package org.mailplatform.store.migration;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema migrations in {@code classpath:db/migration}. Services run with
 * {@code spring.flyway.enabled=false}; this runs once per deploy (the Helm hook Job, the local
 * stack at start, tests once per JVM). Flyway's lock makes concurrent runs safe: one migrates,
 * the others find nothing left to do.
 *
 * <p>As a program it reads {@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME} and
 * {@code SPRING_DATASOURCE_PASSWORD} (or the {@code spring.datasource.*} system properties), the
 * same settings the services use, so the Job shares their secret.
 */
public final class MigrateDatabase {

    public static final String LOCATION = "classpath:db/migration";

    private MigrateDatabase() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return configure().dataSource(dataSource).load().migrate();
    }

    public static MigrateResult migrate(String url, String user, String password) {
        return configure().dataSource(url, user, password).load().migrate();
    }

    public static void main(String[] args) {
        String url = setting("spring.datasource.url", "SPRING_DATASOURCE_URL");
        if (url == null) {
            System.err.println("MigrateDatabase: set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD)");
            System.exit(2);
        }
        MigrateResult result = migrate(url, setting("spring.datasource.username", "SPRING_DATASOURCE_USERNAME"),
                setting("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD"));
        // Flyway names no target version when there was nothing to apply.
        System.out.println(result.migrationsExecuted == 0
                ? "MigrateDatabase: schema already up to date"
                : "MigrateDatabase: schema at version " + result.targetSchemaVersion + ", "
                        + result.migrationsExecuted + " migration(s) applied");
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration configure() {
        return Flyway.configure()
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            value = System.getenv(env);
        }
        return value == null || value.isEmpty() ? null : value;
    }
}
