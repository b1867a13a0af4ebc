package org.mailplatform.mta.dsn;

import java.util.Locale;

/** RFC 3464 2.3.3: the Action field. */
public enum DsnAction {
    /** Could not be delivered, no further attempts. */
    FAILED,
    /** Not yet delivered, still being tried. */
    DELAYED,
    /** Delivered to the recipient's mailbox. */
    DELIVERED,
    /** Handed to a system that will not send further DSNs (RFC 3461 5.2.2). */
    RELAYED;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
