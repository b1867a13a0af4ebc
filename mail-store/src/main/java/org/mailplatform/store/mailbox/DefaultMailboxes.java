package org.mailplatform.store.mailbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The mailboxes every new account starts with, with their RFC 6154 special-use attributes. */
public final class DefaultMailboxes {

    private static final Map<String, Optional<SpecialUse>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(MailboxName.INBOX, Optional.empty());
        DEFAULTS.put("Sent", Optional.of(SpecialUse.SENT));
        DEFAULTS.put("Drafts", Optional.of(SpecialUse.DRAFTS));
        DEFAULTS.put("Trash", Optional.of(SpecialUse.TRASH));
        DEFAULTS.put("Junk", Optional.of(SpecialUse.JUNK));
        DEFAULTS.put("Archive", Optional.of(SpecialUse.ARCHIVE));
    }

    private DefaultMailboxes() {
    }

    /** Name to special use, in creation order (INBOX first). */
    public static Map<String, Optional<SpecialUse>> all() {
        return Collections.unmodifiableMap(DEFAULTS);
    }
}
