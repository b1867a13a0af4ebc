package org.mailplatform.mda.admin;

/** The admin API's URL space, in one place for the controllers and the token filter. */
final class AdminPaths {

    static final String ROOT = "/api";
    static final String V1 = ROOT + "/v1";
    static final String DOMAINS = V1 + "/domains";
    static final String ACCOUNTS = V1 + "/accounts";
    static final String ALIASES = V1 + "/aliases";
    static final String TRACE = V1 + "/trace";

    private AdminPaths() {
    }
}
