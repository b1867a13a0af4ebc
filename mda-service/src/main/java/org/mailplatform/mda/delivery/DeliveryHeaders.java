package org.mailplatform.mda.delivery;

import java.nio.charset.StandardCharsets;

import org.mailplatform.store.account.EmailAddress;

/**
 * The header lines the final delivery adds in front of one recipient's copy. They are kept per
 * copy (the store's header prefix), so the body shared by all recipients stays as received.
 */
public final class DeliveryHeaders {

    private DeliveryHeaders() {
    }

    /**
     * {@code Return-Path} and {@code Delivered-To}, each ending in CRLF, UTF-8 for SMTPUTF8
     * addresses (RFC 6532 3.2).
     *
     * @param mailFrom the envelope sender, {@code ""} for the null sender
     */
    public static byte[] prefix(String mailFrom, EmailAddress account) {
        // RFC 5321 4.4: the delivery MTA inserts Return-Path with the reverse-path of MAIL FROM;
        // RFC 5322 3.6.7: the null sender is written as "<>".
        String returnPath = "Return-Path: <" + mailFrom + ">\r\n";
        // Delivered-To (not standardised, universal practice since qmail and Postfix): names the
        // mailbox the copy was delivered to, so a forwarding loop back to it can be recognised.
        String deliveredTo = "Delivered-To: " + account + "\r\n";
        return (returnPath + deliveredTo).getBytes(StandardCharsets.UTF_8);
    }
}
