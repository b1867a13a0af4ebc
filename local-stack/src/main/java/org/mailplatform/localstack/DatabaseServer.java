package org.mailplatform.localstack;

/** The PostgreSQL the stack uses: one it started itself, or one that was already running. */
interface DatabaseServer extends AutoCloseable {

    DatabaseEndpoint endpoint();

    /** One line for the banner. */
    String description();

    @Override
    void close();

    /** A server someone else runs: the stack uses it and leaves it running. */
    static DatabaseServer existing(DatabaseEndpoint endpoint) {
        return new DatabaseServer() {
            @Override
            public DatabaseEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public String description() {
                return "existing server " + endpoint.jdbcUrl();
            }

            @Override
            public void close() {
            }
        };
    }
}
