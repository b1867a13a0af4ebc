package org.mailplatform.records;

import java.util.Set;

/** RFC 3461 4.1: the NOTIFY parameter of RCPT TO. */
public enum DsnNotify {
    NEVER, SUCCESS, FAILURE, DELAY;

    /**
     * RFC 3461 4.1: NEVER stands alone; an empty set means the client gave no NOTIFY, and the
     * default applies (a DSN on failure, a delay DSN at the server's discretion).
     */
    static Set<DsnNotify> checked(Set<DsnNotify> notify) {
        if (notify == null || notify.isEmpty()) {
            return Set.of();
        }
        for (DsnNotify value : notify) {
            if (value == null) {
                throw new IllegalArgumentException("NOTIFY contains null");
            }
        }
        if (notify.contains(NEVER) && notify.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER must not be combined with other values (RFC 3461 4.1)");
        }
        return Set.copyOf(notify);
    }

    /** RFC 3461 4.1: without NOTIFY a failure DSN is sent. */
    static boolean wantsFailure(Set<DsnNotify> notify) {
        return notify.isEmpty() || notify.contains(FAILURE);
    }
}
