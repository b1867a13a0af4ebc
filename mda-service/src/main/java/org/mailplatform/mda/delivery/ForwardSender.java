package org.mailplatform.mda.delivery;

import java.util.function.Predicate;

import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.msgauth.srs.autoconfigure.SrsMetrics;
import org.mailplatform.records.MailEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The envelope sender a forward leaves with. Kept as it came, the receiver's SPF check (RFC 7208)
 * would weigh our servers against the original sender's domain and fail; rewritten with SRS into
 * the forwarding alias's domain (or the configured one), SPF checks our domain, and a bounce to it
 * is reversed by the MTA and reaches the original sender. Left alone: the null sender (a bounce is
 * never answered, RFC 5321 4.5.5), a sender in one of our domains (SPF already names us), and
 * senders that SRS has no form for.
 */
public final class ForwardSender {

    private static final Logger log = LoggerFactory.getLogger(ForwardSender.class);

    private final SenderRewriting srs;
    private final Predicate<String> localDomain;
    private final String domain;
    private final SrsMetrics metrics;

    /**
     * @param srs    null when rewriting is off
     * @param domain the domain rewritten senders are in, or null for the alias's own
     */
    public ForwardSender(SenderRewriting srs, Predicate<String> localDomain, String domain, SrsMetrics metrics) {
        this.srs = srs;
        this.localDomain = localDomain;
        this.domain = domain;
        this.metrics = metrics;
    }

    /** Envelope senders left exactly as they are, for when SRS is off. */
    public static ForwardSender unchanged() {
        return new ForwardSender(null, d -> true, null, null);
    }

    /** @param alias the local address whose alias led to the forward */
    public String of(String sender, String alias) {
        if (srs == null || sender == null || sender.equals(MailEnvelope.NULL_SENDER)) {
            return sender;
        }
        int at = sender.lastIndexOf('@');
        if (at < 0 || localDomain.test(sender.substring(at + 1))) {
            return sender;
        }
        String forwardingDomain = domain != null ? domain : alias.substring(alias.lastIndexOf('@') + 1);
        return srs.forward(sender, forwardingDomain).map(rewritten -> {
            metrics.rewritten();
            return rewritten;
        }).orElseGet(() -> {
            metrics.unrewritable();
            log.info("forwarding from <{}> unrewritten: SRS has no form for it (quoted, or over 64 octets)", sender);
            return sender;
        });
    }
}
