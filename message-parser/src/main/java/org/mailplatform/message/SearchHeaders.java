package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoded header values for full-text and IMAP SEARCH (RFC 3501 6.4.4 SUBJECT, FROM, TO, CC,
 * BCC): RFC 2047 encoded words decoded, 8-bit values read as UTF-8 or windows-1252. Each address
 * is rendered as {@code Name <mailbox@host>} or {@code mailbox@host}; group names are left out.
 */
public record SearchHeaders(String subject, List<String> from, List<String> to, List<String> cc, List<String> bcc) {

    public static final SearchHeaders EMPTY = new SearchHeaders(null, List.of(), List.of(), List.of(), List.of());

    public SearchHeaders {
        from = from == null ? List.of() : List.copyOf(from);
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
    }

    /** All of it as one text, one value a line, for a tsvector. */
    public String asText() {
        List<String> lines = new ArrayList<>();
        if (subject != null && !subject.isEmpty()) {
            lines.add(subject);
        }
        lines.addAll(from);
        lines.addAll(to);
        lines.addAll(cc);
        lines.addAll(bcc);
        return String.join("\n", lines);
    }
}
