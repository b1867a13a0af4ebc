package org.mailplatform.mta.signing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.arc.ArcSealer;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimKeyRing;
import org.mailplatform.records.MailRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds an ARC set (RFC 8617 5.1) to mail this server received from another server and forwards to
 * a remote alias target, so that the final receiver can see what this server's checks found
 * although the forward breaks SPF and DMARC alignment. A forward is recognised by the
 * Delivered-To fields the MDA puts on top of it (one per expanded alias); the set is sealed with
 * the key of the first alias's domain, RSA first. A message that cannot be sealed goes out
 * unsealed, counted: the seal is an aid to the receiver, not a condition of delivery.
 */
public final class ArcForwardSealer {

    private static final Logger log = LoggerFactory.getLogger(ArcForwardSealer.class);

    private final ArcSealer sealer;
    private final Supplier<DkimKeyRing> keys;
    private final String authservId;
    private final SigningMetrics metrics;

    /** @param authservId the authserv-id of the Authentication-Results this server adds to inbound mail */
    public ArcForwardSealer(ArcSealer sealer, Supplier<DkimKeyRing> keys, String authservId, SigningMetrics metrics) {
        this.sealer = sealer;
        this.keys = keys;
        this.authservId = authservId;
        this.metrics = metrics;
    }

    /** The record to deliver: {@code record} itself, or a copy whose message carries this server's ARC set. */
    public MailRecord seal(MailRecord record) {
        try {
            Optional<String> domain = forwardingDomain(record.message());
            if (domain.isEmpty()) {
                return record;
            }
            List<DkimKey> signing = keys.get().signingKeys(domain.get());
            if (signing.isEmpty()) {
                return record;
            }
            DkimKey key = signing.getFirst();
            Optional<ArcSealer.Sealed> set = sealer.seal(record.message(), authservId, key);
            if (set.isEmpty()) {
                return record;
            }
            String cv = set.get().status().keyword();
            metrics.arcSealed(key.domain(), cv);
            log.info("{} ARC-sealed for {} (i={}, {}/{}, cv={})", record.envelope().queueId(), key.domain(),
                    set.get().instance(), key.selector(), key.algorithm().tag(), cv);
            byte[] head = set.get().fields().getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[head.length + record.message().length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(record.message(), 0, out, head.length, record.message().length);
            return new MailRecord(record.envelope(), out);
        } catch (RuntimeException e) {
            // Whatever went wrong, the forward must not be stuck in front of the sealer.
            metrics.arcFailed();
            log.error("{} goes out without an ARC set: sealing failed", record.envelope().queueId(), e);
            return record;
        }
    }

    /** The domain of the topmost Delivered-To field, when the message starts with one. */
    static Optional<String> forwardingDomain(byte[] message) {
        List<HeaderSection.Field> fields = HeaderSection.of(message).fields();
        if (fields.isEmpty() || !fields.getFirst().named("Delivered-To")) {
            return Optional.empty();
        }
        String address = HeaderSection.of(message).value(fields.getFirst());
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
    }
}
