package org.mailplatform.sieve;

import java.util.Objects;

/**
 * What a script runs on at delivery.
 *
 * @param envelopeFrom the reverse-path, "" for the null sender (RFC 5228 5.4)
 * @param envelopeTo   the envelope recipient that led to this account
 * @param message      the message
 * @param spamScore    the spam verdict for spamtest (RFC 5235 3.2): 0 not tested, 1 tested and
 *                     clear, up to 10 certainly spam
 * @param envelopeAuth the authenticated submitter (RFC 4954), the envelope's "auth" part; null when none
 */
public record SieveInput(String envelopeFrom, String envelopeTo, SieveMessage message, int spamScore,
                         String envelopeAuth) {

    public SieveInput(String envelopeFrom, String envelopeTo, SieveMessage message, int spamScore) {
        this(envelopeFrom, envelopeTo, message, spamScore, null);
    }

    public SieveInput {
        envelopeFrom = envelopeFrom == null ? "" : envelopeFrom;
        Objects.requireNonNull(envelopeTo, "envelopeTo");
        Objects.requireNonNull(message, "message");
        if (spamScore < 0 || spamScore > 10) {
            throw new IllegalArgumentException("spam score is 0 to 10");
        }
    }
}
