package org.mailplatform.localstack;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

/**
 * A delivery status notification as a mail client finds it in a mailbox, taken apart the way
 * RFC 3464 lays it out: a multipart/report (RFC 6522) whose second part is message/delivery-status,
 * one block of per-message fields and then one block per recipient.
 */
record ReceivedDsn(String from, String contentType, int parts, String statusPartType,
                   InternetHeaders perMessage, List<InternetHeaders> perRecipient) {

    static ReceivedDsn of(Message message) throws Exception {
        Multipart report = (Multipart) message.getContent();
        BodyPart status = report.getBodyPart(1);
        InternetHeaders perMessage;
        List<InternetHeaders> perRecipient = new ArrayList<>();
        try (InputStream in = status.getInputStream()) {
            perMessage = new InternetHeaders(in);
            while (true) {
                InternetHeaders block = new InternetHeaders(in);
                if (!block.getAllHeaders().hasMoreElements()) {
                    break;
                }
                perRecipient.add(block);
            }
        }
        return new ReceivedDsn(message.getFrom()[0].toString(), message.getContentType(), report.getCount(),
                status.getContentType(), perMessage, perRecipient);
    }

    /** A field of the first recipient's block, unfolded (RFC 5322 2.2.3); null when absent. */
    String recipientField(String name) {
        String value = perRecipient.getFirst().getHeader(name, null);
        return value == null ? null : MimeUtility.unfold(value).strip();
    }

    /** Whether a per-recipient block names {@code address} as its Final-Recipient. */
    boolean reportsOn(String address) {
        return perRecipient.stream().anyMatch(block -> {
            String finalRecipient = block.getHeader("Final-Recipient", null);
            return finalRecipient != null && finalRecipient.toLowerCase().contains(address.toLowerCase());
        });
    }
}
