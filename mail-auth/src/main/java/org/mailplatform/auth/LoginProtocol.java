package org.mailplatform.auth;

import java.util.Locale;
import java.util.Optional;

/** The protocol a login comes over, for app passwords limited to some of them. */
public enum LoginProtocol {
    SMTP, IMAP, POP3, MANAGESIEVE;

    /** The lower-case name used by the admin API and stored with app passwords. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LoginProtocol> parse(String id) {
        for (LoginProtocol p : values()) {
            if (p.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
