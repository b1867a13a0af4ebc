package org.mailplatform.records;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-recipient outcomes of a delivery, sent back to the MTA, which turns them into one DSN
 * (RFC 3464) to {@code mailFrom} unless that is the null sender.
 *
 * @param queueId          queue id of the message reported on; the Kafka key
 * @param mailFrom         the envelope sender, {@code ""} for the null sender
 * @param envelopeId       RFC 3461 ENVID (Original-Envelope-Id), or null
 * @param dsnReturn        RFC 3461 RET, or null
 * @param receivedAt       when the message was accepted (Arrival-Date)
 * @param traceId          trace id of the message, or null
 * @param reportingMta     name of the host that tried the delivery (Reporting-MTA)
 * @param reportedAt       when the outcome was decided
 * @param recipients       the recipients reported on; never empty
 * @param returnedContent  the message, or its header section when RET=HDRS, for the DSN's third
 *                         part (RFC 3462); empty when there is nothing to return. Not copied.
 */
public record DeliveryReport(
        String queueId,
        String mailFrom,
        String envelopeId,
        DsnReturn dsnReturn,
        Instant receivedAt,
        String traceId,
        String reportingMta,
        Instant reportedAt,
        List<RecipientReport> recipients,
        byte[] returnedContent) {

    public DeliveryReport {
        Checks.token(queueId, "queue id");
        Checks.required(mailFrom, "MAIL FROM (use \"\" for the null sender)");
        Checks.optionalText(mailFrom, "MAIL FROM", Recipient.MAX_ADDRESS_LENGTH);
        Checks.optionalText(envelopeId, "ENVID", 100);
        Checks.required(receivedAt, "received time");
        Checks.optionalText(traceId, "trace id", 128);
        Checks.text(reportingMta, "reporting MTA", 255);
        Checks.required(reportedAt, "reported time");
        Checks.required(recipients, "recipients");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a delivery report needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
        returnedContent = returnedContent == null ? new byte[0] : returnedContent;
    }

    /** A report on {@code envelope}, stamped now, carrying its sender, ENVID, RET, arrival date and trace id. */
    public static DeliveryReport of(MailEnvelope envelope, String reportingMta, List<RecipientReport> recipients,
                                    byte[] returnedContent) {
        return new DeliveryReport(envelope.queueId(), envelope.mailFrom(), envelope.envelopeId(),
                envelope.dsnReturn(), envelope.receivedAt(), envelope.traceId(), reportingMta, Instant.now(),
                recipients, returnedContent);
    }

    /** RFC 5321 4.5.5: no DSN goes to the null sender. */
    public boolean isNullSender() {
        return mailFrom.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryReport other
                && queueId.equals(other.queueId)
                && mailFrom.equals(other.mailFrom)
                && Objects.equals(envelopeId, other.envelopeId)
                && dsnReturn == other.dsnReturn
                && receivedAt.equals(other.receivedAt)
                && Objects.equals(traceId, other.traceId)
                && reportingMta.equals(other.reportingMta)
                && reportedAt.equals(other.reportedAt)
                && recipients.equals(other.recipients)
                && Arrays.equals(returnedContent, other.returnedContent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(queueId, mailFrom, envelopeId, dsnReturn, receivedAt, traceId, reportingMta, reportedAt,
                recipients) * 31 + Arrays.hashCode(returnedContent);
    }

    @Override
    public String toString() {
        return "DeliveryReport[queueId=" + queueId + ", recipients=" + recipients + ", returnedBytes="
                + returnedContent.length + "]";
    }
}
