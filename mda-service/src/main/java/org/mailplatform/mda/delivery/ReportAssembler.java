package org.mailplatform.mda.delivery;

import java.util.Arrays;
import java.util.List;

import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.RecipientReport;

/** Builds the report on one delivered record for the MTA, which turns it into a DSN or a retry. */
public final class ReportAssembler {

    private final String reportingMta;

    public ReportAssembler(String reportingMta) {
        this.reportingMta = reportingMta;
    }

    public DeliveryReport report(MailEnvelope envelope, byte[] message, List<RecipientReport> recipients) {
        boolean retryable = recipients.stream().anyMatch(RecipientReport::temporary);
        return DeliveryReport.of(envelope, reportingMta, recipients, returnedContent(envelope, message, retryable));
    }

    /**
     * The whole message when a recipient may be retried (the MTA retries from the report) or when
     * the sender did not ask for headers only; otherwise the header section (RFC 3461 4.3 RET=HDRS).
     */
    static byte[] returnedContent(MailEnvelope envelope, byte[] message, boolean retryable) {
        if (retryable || envelope.dsnReturn() != DsnReturn.HDRS) {
            return message;
        }
        return headerSection(message);
    }

    /** RFC 5322 2.1: the header section ends at the first empty line, which is kept. */
    static byte[] headerSection(byte[] message) {
        if (message.length > 0 && message[0] == '\n') {
            return Arrays.copyOf(message, 1);
        }
        if (message.length > 1 && message[0] == '\r' && message[1] == '\n') {
            return Arrays.copyOf(message, 2);
        }
        for (int i = 0; i < message.length; i++) {
            if (message[i] != '\n') {
                continue;
            }
            int next = i + 1;
            if (next < message.length && message[next] == '\n') {
                return Arrays.copyOf(message, next + 1);
            }
            if (next + 1 < message.length && message[next] == '\r' && message[next + 1] == '\n') {
                return Arrays.copyOf(message, next + 2);
            }
        }
        return message;
    }
}
