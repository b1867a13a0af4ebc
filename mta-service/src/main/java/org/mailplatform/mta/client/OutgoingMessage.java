package org.mailplatform.mta.client;

import java.util.List;
import java.util.Objects;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.Recipient;

/**
 * One transaction to send: the envelope as it goes into MAIL FROM and RCPT TO, and the message.
 *
 * @param mailFrom   reverse-path, "" for the null sender
 * @param recipients forward-paths with their DSN parameters
 * @param content    the stored message; line ends and dots are fixed on the way out
 * @param bodyType   BODY of MAIL FROM as received
 * @param smtpUtf8   the message needs SMTPUTF8 (RFC 6531)
 * @param dsnReturn  RET, or null
 * @param envelopeId ENVID (decoded), or null
 * @param requireTls REQUIRETLS (RFC 8689): only to a peer that offers it, with the parameter passed on
 */
public record OutgoingMessage(String mailFrom, List<Recipient> recipients, byte[] content, BodyType bodyType,
                              boolean smtpUtf8, DsnReturn dsnReturn, String envelopeId, boolean requireTls) {

    public OutgoingMessage(String mailFrom, List<Recipient> recipients, byte[] content, BodyType bodyType,
                           boolean smtpUtf8, DsnReturn dsnReturn, String envelopeId) {
        this(mailFrom, recipients, content, bodyType, smtpUtf8, dsnReturn, envelopeId, false);
    }

    public OutgoingMessage {
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs a recipient");
        }
        Objects.requireNonNull(content, "content");
        bodyType = bodyType == null ? BodyType.SEVEN_BIT : bodyType;
    }
}
