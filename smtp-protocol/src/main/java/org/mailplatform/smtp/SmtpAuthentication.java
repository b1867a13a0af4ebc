package org.mailplatform.smtp;

import java.util.List;

/**
 * The AUTH command's SASL exchange (RFC 4954 4): started by AUTH, continued by one client line per
 * server challenge, ended by 235 or a 5xx. On success it calls
 * {@link SmtpConversation#authenticated(String)}.
 */
public interface SmtpAuthentication {

    /** Mechanism names for the EHLO AUTH keyword. */
    List<String> mechanisms();

    /** Mechanism names on this conversation's connection (SCRAM-SHA-256-PLUS needs TLS 1.3 channel binding). */
    default List<String> mechanisms(SmtpConversation conversation) {
        return mechanisms();
    }

    /**
     * @param initialResponse the base64 initial response from the AUTH line (RFC 4954 4), "=" for an
     *                        empty one, null when absent
     */
    void start(SmtpConversation conversation, String mechanism, String initialResponse);

    /** The client's reply to a 334 challenge: base64, or "*" to cancel (RFC 4954 4). */
    void continueExchange(SmtpConversation conversation, byte[] line);
}
