package org.mailplatform.store.message;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** RFC 9051 2.3.2 system flags, stored as bits of {@code messages.flags}. \Recent is not kept. */
public enum SystemFlag {
    SEEN("\\Seen", 1),
    ANSWERED("\\Answered", 2),
    FLAGGED("\\Flagged", 4),
    DELETED("\\Deleted", 8),
    DRAFT("\\Draft", 16);

    private final String imapName;
    private final int bit;

    SystemFlag(String imapName, int bit) {
        this.imapName = imapName;
        this.bit = bit;
    }

    public String imapName() {
        return imapName;
    }

    public int bit() {
        return bit;
    }

    /** RFC 9051 2.3.2: flag names are case-insensitive. */
    public static Optional<SystemFlag> fromImapName(String name) {
        for (SystemFlag flag : values()) {
            if (flag.imapName.equalsIgnoreCase(name)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    public static int toBits(Set<SystemFlag> flags) {
        int bits = 0;
        for (SystemFlag flag : flags) {
            bits |= flag.bit;
        }
        return bits;
    }

    public static EnumSet<SystemFlag> fromBits(int bits) {
        EnumSet<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag flag : values()) {
            if ((bits & flag.bit) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
