package org.mailplatform.imap.response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapFlags;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.SystemFlag;

/** Message flags between the wire (RFC 9051 2.3.2) and the store. */
public final class FlagNames {

    /** The system flags a client can set, as SELECT announces them in FLAGS and PERMANENTFLAGS. */
    public static final List<String> SYSTEM = List.of(ImapFlags.ANSWERED, ImapFlags.FLAGGED, ImapFlags.DELETED,
            ImapFlags.SEEN, ImapFlags.DRAFT);

    private FlagNames() {
    }

    /** The flags of a message in a fixed order: system flags, then keywords. */
    public static List<String> of(MessageFlags flags) {
        List<String> names = new ArrayList<>(flags.system().size() + flags.keywords().size());
        for (SystemFlag flag : SystemFlag.values()) {
            if (flags.has(flag)) {
                names.add(flag.imapName());
            }
        }
        names.addAll(flags.keywords());
        return names;
    }

    /**
     * Client flags as the store keeps them. {@code \Recent} is the server's to set and is dropped
     * (RFC 3501 2.3.2); any other unknown {@code \} flag cannot be stored.
     *
     * @throws IllegalArgumentException for a system flag the store does not know
     */
    public static MessageFlags toStore(Collection<String> flags) {
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        List<String> keywords = new ArrayList<>();
        for (String flag : flags) {
            if (ImapFlags.isSystemFlag(flag)) {
                if (flag.equalsIgnoreCase(ImapFlags.RECENT)) {
                    continue;
                }
                Optional<SystemFlag> known = SystemFlag.fromImapName(flag);
                if (known.isEmpty()) {
                    throw new IllegalArgumentException("Unknown system flag " + flag);
                }
                system.add(known.get());
            } else {
                keywords.add(flag);
            }
        }
        return MessageFlags.of(system, keywords);
    }
}
