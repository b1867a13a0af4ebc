package org.mailplatform.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a vacation reply must not be sent, whatever the script says (RFC 5230 4.5, 4.6, 5 and
 * RFC 3834 2): answering automated or list mail, or mail the user only got as a blind or list
 * copy, makes loops and noise.
 */
public final class VacationRules {

    // RFC 2369 and RFC 2919 list fields: mail from a list is not answered (RFC 5230 4.6, RFC 3834 2).
    private static final List<String> LIST_FIELDS = List.of("list-id", "list-help", "list-unsubscribe",
            "list-subscribe", "list-post", "list-owner", "list-archive");
    private static final List<String> RECIPIENT_FIELDS = List.of("to", "cc", "bcc", "resent-to", "resent-cc",
            "resent-bcc");

    private VacationRules() {
    }

    /**
     * @param own the user's addresses: the account's, the envelope recipient and the :addresses
     * @return why no reply is sent, or empty when one may be
     */
    public static Optional<String> refusal(SieveInput input, List<String> own) {
        String sender = input.envelopeFrom();
        // RFC 5230 5 / RFC 3834 2: never to the null sender (bounces, other auto replies).
        if (sender.isEmpty()) {
            return Optional.of("null sender");
        }
        List<String> mine = new ArrayList<>();
        own.forEach(a -> mine.add(a.toLowerCase(Locale.ROOT)));
        mine.add(input.envelopeTo().toLowerCase(Locale.ROOT));
        if (mine.contains(sender.toLowerCase(Locale.ROOT))) {
            return Optional.of("sender is the user");
        }
        // RFC 5230 4.6: nor to senders that are list or system addresses.
        String local = Addresses.localPart(sender).toLowerCase(Locale.ROOT);
        if (local.startsWith("owner-") || local.endsWith("-request") || local.equals("mailer-daemon")
                || local.equals("listserv") || local.equals("majordomo")) {
            return Optional.of("sender is a list or system address");
        }
        SieveMessage m = input.message();
        for (String auto : m.header("auto-submitted")) {
            // RFC 3834 2 and 5: anything but "no" was sent by a program.
            String value = auto.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!value.equals("no")) {
                return Optional.of("Auto-Submitted: " + value);
            }
        }
        for (String precedence : m.header("precedence")) {
            String value = precedence.strip().toLowerCase(Locale.ROOT);
            if (value.equals("bulk") || value.equals("list") || value.equals("junk")) {
                return Optional.of("Precedence: " + value);
            }
        }
        for (String field : LIST_FIELDS) {
            if (m.has(field)) {
                return Optional.of("list message (" + field + ")");
            }
        }
        // RFC 5230 4.5: only when one of the user's addresses is an explicit recipient.
        for (String field : RECIPIENT_FIELDS) {
            for (String value : m.rawHeader(field)) {
                for (String address : Addresses.parse(value)) {
                    if (mine.contains(address.toLowerCase(Locale.ROOT))) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of("the user is not an explicit recipient");
    }
}
