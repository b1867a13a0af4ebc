package org.mailplatform.msgauth.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.mailplatform.msgauth.HeaderSection;

/**
 * Which header fields a signature covers ({@code h=}). RFC 6376 5.4.1 recommends From (required),
 * Reply-To, Subject, Date, To, Cc, the Resent-* fields, In-Reply-To, References and the List-*
 * fields; Message-ID and the MIME fields are added because a changed Content-Type changes what
 * the reader sees. Each field is listed as often as it occurs; From, To and Subject once more
 * (RFC 6376 5.4.2, 8.15: "oversigning"), so a second From, To or Subject added on the way breaks
 * the signature instead of being shown to the reader.
 */
public final class SignedFields {

    static final List<String> RECOMMENDED = List.of("from", "reply-to", "subject", "date", "to", "cc",
            "resent-date", "resent-from", "resent-to", "resent-cc", "in-reply-to", "references",
            "list-id", "list-help", "list-unsubscribe", "list-subscribe", "list-post", "list-owner", "list-archive",
            "message-id", "mime-version", "content-type", "content-transfer-encoding");

    static final Set<String> OVERSIGNED = Set.of("from", "to", "subject");

    private SignedFields() {
    }

    /** The {@code h=} names for this message, lower case, in a fixed order. */
    static List<String> of(MessageHeaderFields headers) {
        return of(headers::count, RECOMMENDED);
    }

    /**
     * The {@code h=} names of an ARC-Message-Signature: the same fields, and the DKIM-Signature
     * fields already on the message, so that the next hop can tell they arrived as they were
     * (RFC 8617 4.1.2 leaves the choice to the sealer, as DKIM does).
     */
    public static List<String> forArc(HeaderSection header) {
        List<String> names = new ArrayList<>(RECOMMENDED);
        names.add("dkim-signature");
        return of(name -> (int) header.fields().stream().filter(f -> f.named(name)).count(), names);
    }

    private static List<String> of(ToIntFunction<String> counts, List<String> candidates) {
        List<String> names = new ArrayList<>();
        for (String name : candidates) {
            int count = counts.applyAsInt(name) + (OVERSIGNED.contains(name) ? 1 : 0);
            for (int i = 0; i < count; i++) {
                names.add(name);
            }
        }
        return names;
    }
}
