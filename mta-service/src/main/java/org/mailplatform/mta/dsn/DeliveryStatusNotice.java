package org.mailplatform.mta.dsn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DSN to send: what it reports on and to whom.
 *
 * @param dsnQueueId       the DSN's own queue id, derived from the original (see {@link DsnQueueIds})
 * @param originalQueueId  queue id of the message reported on
 * @param originalSender   its envelope sender, who receives the DSN
 * @param envelopeId       ENVID of the original (Original-Envelope-Id), or null
 * @param arrivalDate      when the original was accepted (Arrival-Date)
 * @param traceId          trace id of the original, or null
 * @param smtpUtf8         the original was an SMTPUTF8 message (RFC 6533 applies)
 * @param recipients       the recipients reported on; never empty
 * @param returnedContent  the whole original or its header section (see {@code returnsFullMessage})
 * @param returnsFullMessage whether {@code returnedContent} is the whole message
 */
public record DeliveryStatusNotice(String dsnQueueId, String originalQueueId, String originalSender, String envelopeId,
                                   Instant arrivalDate, String traceId, boolean smtpUtf8, List<DsnRecipient> recipients,
                                   byte[] returnedContent, boolean returnsFullMessage) {

    public DeliveryStatusNotice {
        Objects.requireNonNull(dsnQueueId, "dsnQueueId");
        Objects.requireNonNull(originalQueueId, "originalQueueId");
        Objects.requireNonNull(originalSender, "originalSender");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a DSN reports on at least one recipient");
        }
        returnedContent = returnedContent == null ? new byte[0] : returnedContent;
    }

    public boolean reportsFailure() {
        return recipients.stream().anyMatch(r -> r.action() == DsnAction.FAILED);
    }

    public boolean reportsDelay() {
        return recipients.stream().anyMatch(r -> r.action() == DsnAction.DELAYED);
    }
}
