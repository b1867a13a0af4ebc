package org.mailplatform.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL database per test JVM, shared by every test class in it.
 *
 * <p>With a Docker engine it is a Testcontainers PostgreSQL. Without one it is a fresh database
 * created on the server named by {@code mailplatform.test.pg.url} (system property) or
 * {@code MAILPLATFORM_TEST_PG_URL} (environment), default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * and dropped when the JVM exits, so concurrent and repeated runs never see each other's rows.
 */
public final class TestDatabase {

    private static volatile TestDatabase instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestDatabase(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    public static TestDatabase get() {
        TestDatabase db = instance;
        if (db == null) {
            synchronized (TestDatabase.class) {
                db = instance;
                if (db == null) {
                    db = DockerSupport.dockerAvailable() ? startContainer() : createOnLocalServer();
                    instance = db;
                }
            }
        }
        return db;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @SuppressWarnings("resource")
    private static TestDatabase startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static TestDatabase createOnLocalServer() {
        String adminUrl = setting("mailplatform.test.pg.url", "MAILPLATFORM_TEST_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = setting("mailplatform.test.pg.user", "MAILPLATFORM_TEST_PG_USER", "postgres");
        String password = setting("mailplatform.test.pg.password", "MAILPLATFORM_TEST_PG_PASSWORD", "");
        String name = "mp_test_" + ProcessHandle.current().pid() + "_"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database on " + adminUrl
                    + " (is PostgreSQL running? .ci/run starts it)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(adminUrl, user, password, name), "test-db-drop"));
        int slash = adminUrl.lastIndexOf('/');
        String query = adminUrl.indexOf('?', slash) >= 0 ? adminUrl.substring(adminUrl.indexOf('?', slash)) : "";
        return new TestDatabase(adminUrl.substring(0, slash + 1) + name + query, user, password);
    }

    private static void drop(String adminUrl, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // The server may already be gone at JVM exit; a leftover mp_test_* database is harmless.
        }
    }

    static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isEmpty()) {
            v = System.getenv(env);
        }
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** Testcontainers is only asked when Docker could exist, so its probe never slows a Docker-less run. */
    static final class DockerSupport {
        private static Boolean available;

        static synchronized boolean dockerAvailable() {
            if (available == null) {
                boolean maybe = new java.io.File("/var/run/docker.sock").exists() || System.getenv("DOCKER_HOST") != null;
                boolean ok = false;
                if (maybe) {
                    try {
                        ok = DockerClientFactory.instance().isDockerAvailable();
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                }
                available = ok;
            }
            return available;
        }
    }
}
