package org.mailplatform.sieve;

import java.time.Duration;
import java.util.List;

/** What a script decided for the message; the deliverer carries these out. */
public sealed interface SieveAction {

    /**
     * Store the message in the default place (RFC 5228 4.3), with these IMAP flags (RFC 5232).
     *
     * @param implicit whether no action cancelled the implicit keep (RFC 5228 2.10.2)
     */
    record Keep(List<String> flags, boolean implicit) implements SieveAction {
    }

    /** Store the message in this mailbox (RFC 5228 4.1), creating it when {@code create} (RFC 5490 3.2). */
    record FileInto(String mailbox, List<String> flags, boolean create) implements SieveAction {
    }

    /** Send the message on to this address (RFC 5228 4.2). */
    record Redirect(String address) implements SieveAction {
    }

    /** Refuse the message with this reason (RFC 5429); after delivery was accepted that is a reply to the sender. */
    record Reject(String reason, boolean extended) implements SieveAction {
    }

    /** Store nothing (RFC 5228 4.4). */
    record Discard() implements SieveAction {
    }

    /**
     * Reply to the sender, at most once per {@code period} per sender and handle (RFC 5230 4).
     *
     * @param subject   the reply's subject, or null for "Auto: " and the original's (RFC 5230 4.3)
     * @param from      the reply's author, or null for the account's address (RFC 5230 4.4)
     * @param addresses the user's other addresses (RFC 5230 4.5)
     * @param mime      whether {@code reason} is a MIME entity rather than plain text (RFC 5230 4.7)
     * @param handle    the :handle, or one made from the reply's contents (RFC 5230 4.2)
     */
    record Vacation(String reason, String subject, String from, List<String> addresses, boolean mime, String handle,
                    Duration period) implements SieveAction {
    }
}
