package org.mailplatform.store.mailbox;

import java.util.Optional;

/** RFC 6154 §2 special-use mailbox attributes. */
public enum SpecialUse {
    ALL("\\All"),
    ARCHIVE("\\Archive"),
    DRAFTS("\\Drafts"),
    FLAGGED("\\Flagged"),
    JUNK("\\Junk"),
    SENT("\\Sent"),
    TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute as written in LIST responses, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }

    /** RFC 6154: attribute names are case-insensitive. */
    public static Optional<SpecialUse> fromAttribute(String attribute) {
        for (SpecialUse use : values()) {
            if (use.attribute.equalsIgnoreCase(attribute)) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }
}
