package org.mailplatform.mta.milter;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a milter is told about one message: the SMTP session and transaction it came in, and the
 * message as the client sent it.
 *
 * @param sessionId     the SMTP session's id, sent as the queue id macro {@code i}
 * @param client        the client's address and port, or null when unknown
 * @param clientName    the client's host name as verified, or null ({@code unknown} is sent)
 * @param helo          the EHLO/HELO argument, or null
 * @param tlsVersion    the TLS protocol, or null for cleartext
 * @param tlsCipher     the TLS cipher suite, or null
 * @param authenticatedUser the SASL user, or null
 * @param mailFrom      the reverse-path without brackets ("" for the null sender)
 * @param mailArguments ESMTP parameters of MAIL FROM, e.g. {@code BODY=8BITMIME}
 * @param recipients    the forward-paths without brackets
 * @param message       the complete message, CRLF line ends
 */
public record MilterRequest(
        String sessionId,
        InetSocketAddress client,
        String clientName,
        String helo,
        String tlsVersion,
        String tlsCipher,
        String authenticatedUser,
        String mailFrom,
        List<String> mailArguments,
        List<String> recipients,
        byte[] message) {

    public MilterRequest {
        mailArguments = List.copyOf(mailArguments);
        recipients = List.copyOf(recipients);
    }

    /** The same request with the message as an earlier milter left it. */
    MilterRequest withMessage(byte[] edited) {
        return new MilterRequest(sessionId, client, clientName, helo, tlsVersion, tlsCipher, authenticatedUser,
                mailFrom, mailArguments, recipients, edited);
    }
}
