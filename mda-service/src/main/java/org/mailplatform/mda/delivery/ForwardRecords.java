package org.mailplatform.mda.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;

/**
 * The record that hands a message to the MTA for the remote targets of local aliases: the message
 * with a {@code Delivered-To} field per expanded alias in front (see {@link DeliveredTo}). Its queue id
 * is derived from the original one, so a redelivered record makes the same forward again and the
 * MTA, which is idempotent per queue id and recipient, relays it once.
 */
public final class ForwardRecords {

    static final String SUFFIX = "-F";
    private static final int MAX_QUEUE_ID = 64;

    private ForwardRecords() {
    }

    /** @param sender the forward's envelope sender (see {@link ForwardSender}) */
    public static MailRecord forward(MailRecord original, List<Routing.Forward> forwards, String sender) {
        if (forwards.isEmpty()) {
            throw new IllegalArgumentException("nothing to forward");
        }
        MailEnvelope source = original.envelope();
        List<Recipient> recipients = forwards.stream().map(ForwardRecords::recipient).toList();
        MailEnvelope envelope = source.toBuilder()
                .queueId(queueId(source.queueId()))
                .mailFrom(sender)
                .recipients(recipients)
                .authenticatedUser(null)
                .clientAddress(null)
                .clientHelo(null)
                .tls(null)
                .attempts(0)
                .firstAttemptAt(null)
                .nextAttemptAt(null)
                .build();
        // Marks the message as having passed through these addresses, so it is refused if it comes back to them.
        List<String> expanded = forwards.stream().map(f -> f.via().address()).distinct().toList();
        return new MailRecord(envelope, DeliveredTo.prepend(expanded, original.message()));
    }

    /** The forward's queue id: the original id plus {@value #SUFFIX}, hashed down when that is too long. */
    public static String queueId(String original) {
        if (original.length() + SUFFIX.length() <= MAX_QUEUE_ID) {
            return original + SUFFIX;
        }
        return original.substring(0, 30) + "." + sha256Hex(original).substring(0, 24) + SUFFIX;
    }

    /**
     * RFC 3461 4.1 / 4.2: the forward keeps the NOTIFY of the recipient that led to it, and the
     * ORCPT that recipient had, or the recipient itself as the original recipient.
     */
    private static Recipient recipient(Routing.Forward forward) {
        Recipient via = forward.via();
        OriginalRecipient original = via.originalRecipient() != null ? via.originalRecipient()
                : originalRecipient(via.address());
        return Recipient.of(forward.address().toString(), via.dsnNotify(), original);
    }

    private static OriginalRecipient originalRecipient(String address) {
        // RFC 6533 3: a non-ASCII address is of type utf-8, not rfc822.
        boolean ascii = address.chars().allMatch(c -> c < 0x80);
        return ascii ? OriginalRecipient.rfc822(address) : new OriginalRecipient("utf-8", address);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
