package org.mailplatform.imap.protocol;

import java.util.Locale;
import java.util.Map;

/** Message flags: system flags, keywords and flag extensions (RFC 9051 2.3.2, 9 {@code flag}). */
public final class ImapFlags {

    public static final String ANSWERED = "\\Answered";
    public static final String FLAGGED = "\\Flagged";
    public static final String DELETED = "\\Deleted";
    public static final String SEEN = "\\Seen";
    public static final String DRAFT = "\\Draft";
    /** IMAP4rev1 only (RFC 3501 2.3.2); a client cannot set it. */
    public static final String RECENT = "\\Recent";
    /** In PERMANENTFLAGS: the client may create new keywords (RFC 9051 7.1). */
    public static final String WILDCARD = "\\*";

    private static final Map<String, String> SYSTEM = Map.of(
            "\\ANSWERED", ANSWERED, "\\FLAGGED", FLAGGED, "\\DELETED", DELETED,
            "\\SEEN", SEEN, "\\DRAFT", DRAFT, "\\RECENT", RECENT);

    private ImapFlags() {
    }

    /**
     * A flag from a client's flag list: {@code "\" atom} or a keyword atom. System flags are
     * case-insensitive and returned in their canonical case. {@code \*} is refused: it only
     * describes permissions in server responses.
     */
    public static String parse(String text) throws ImapSyntaxException {
        boolean system = text.startsWith("\\");
        String atom = system ? text.substring(1) : text;
        if (!ImapStrings.isAtom(atom)) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new ImapSyntaxException("Invalid flag: " + shown);
        }
        if (!system) {
            return text;
        }
        return SYSTEM.getOrDefault(text.toUpperCase(Locale.ROOT), text);
    }

    public static boolean isSystemFlag(String flag) {
        return flag.startsWith("\\");
    }
}
