package org.mailplatform.store.account;

import java.util.Optional;

/**
 * Mail for {@code localPart@domain} goes to {@code target} (local or remote). An empty local part
 * is the domain's catch-all, used only when no account or alias matches.
 */
public record Alias(long id, String domain, Optional<String> localPart, EmailAddress target) {

    public boolean isCatchAll() {
        return localPart.isEmpty();
    }

    /** {@code local@domain}, or {@code @domain} for a catch-all. */
    public String source() {
        return localPart.orElse("") + "@" + domain;
    }
}
