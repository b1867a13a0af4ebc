package org.mailplatform.mta.client;

import java.util.Objects;

/** AUTH PLAIN credentials for a smart host (RFC 4616). Never printed. */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
