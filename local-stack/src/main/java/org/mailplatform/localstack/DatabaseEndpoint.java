package org.mailplatform.localstack;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** Where the platform's PostgreSQL database is and how to log in. */
public record DatabaseEndpoint(String jdbcUrl, String username, String password) {

    public DatabaseEndpoint {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        password = password == null ? "" : password;
    }

    /** A plain, unpooled data source for the stack's own one-off work (migrations, demo accounts). */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(username);
        ds.setPassword(password);
        return ds;
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[" + jdbcUrl + " as " + username + "]";
    }
}
