package org.mailplatform.records;

import java.util.regex.Pattern;

/** RFC 3463 2: status-code = class "." subject "." detail. */
final class EnhancedStatus {

    // RFC 3463 2: class is 2, 4 or 5; subject and detail are 1-3 digits without leading zeros.
    private static final Pattern SYNTAX = Pattern.compile("[245]\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    private EnhancedStatus() {
    }

    static String check(String status) {
        if (status == null || !SYNTAX.matcher(status).matches()) {
            throw new IllegalArgumentException("not an RFC 3463 status code: " + status);
        }
        return status;
    }
}
