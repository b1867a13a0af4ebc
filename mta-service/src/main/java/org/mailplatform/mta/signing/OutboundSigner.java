package org.mailplatform.mta.signing;

import java.util.List;

import org.mailplatform.msgauth.dkim.DkimSignature;
import org.mailplatform.msgauth.dkim.DkimSigner;
import org.mailplatform.msgauth.dkim.DkimSigningException;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a message on its way out, once: when it was submitted by an authenticated user (mail
 * relayed for others, forwarded or bounced is not ours to vouch for) and has not been tried
 * before. Mail from other servers forwarded to remote alias targets gets an ARC set instead
 * ({@link ArcForwardSealer}), also on the first attempt only. A retry carries the signed bytes, so every attempt sends the same signatures. A message
 * that cannot be signed goes out unsigned, counted and logged: refusing it would lose mail that
 * the recipient may well accept.
 */
public final class OutboundSigner {

    private static final Logger log = LoggerFactory.getLogger(OutboundSigner.class);

    private final DkimSigner signer;
    private final SigningMetrics metrics;
    private final ArcForwardSealer arc;

    /** @param arc seals forwarded mail; null when sealing is off */
    public OutboundSigner(DkimSigner signer, SigningMetrics metrics, ArcForwardSealer arc) {
        this.signer = signer;
        this.metrics = metrics;
        this.arc = arc;
    }

    /** The record to deliver: {@code record} itself, or a copy whose message carries the signatures. */
    public MailRecord sign(MailRecord record) {
        MailEnvelope envelope = record.envelope();
        if (envelope.attempts() > 0) {
            return record;
        }
        if (envelope.authenticatedUser() == null) {
            return arc == null ? record : arc.seal(record);
        }
        List<DkimSignature> signatures;
        try {
            signatures = signer.sign(record.message());
        } catch (DkimSigningException e) {
            metrics.failed(e.reason());
            log.warn("{} goes out without a DKIM signature: {}", envelope.queueId(), e.getMessage());
            return record;
        } catch (RuntimeException e) {
            // Whatever went wrong, the message must not be stuck in front of the signer.
            metrics.failed("internal");
            log.error("{} goes out without a DKIM signature: signing failed", envelope.queueId(), e);
            return record;
        }
        if (signatures.isEmpty()) {
            return record;
        }
        signatures.forEach(s -> metrics.signed(s.domain(), s.algorithm().tag()));
        log.info("{} DKIM-signed for {} ({})", envelope.queueId(), signatures.getFirst().domain(),
                signatures.stream().map(s -> s.selector() + "/" + s.algorithm().tag()).toList());
        return new MailRecord(envelope, DkimSigner.prepend(signatures, record.message()));
    }
}
