package org.mailplatform.pop3.protocol;

/** RFC 2449 8 extended response codes, sent in brackets after {@code -ERR}. */
public enum ResponseCode {
    /** RFC 2449 8.1.1: the maildrop is locked by another session. */
    IN_USE("IN-USE"),
    /** RFC 2449 8.1.2: logging in too soon after the last login. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** RFC 3206 5: a problem with the credentials or with authenticating under this policy. */
    AUTH("AUTH"),
    /** RFC 3206 4: a temporary system problem; the client may retry later. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 4: a permanent system problem. */
    SYS_PERM("SYS/PERM");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears between the brackets. */
    public String wire() {
        return wire;
    }
}
