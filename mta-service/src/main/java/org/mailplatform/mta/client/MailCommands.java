package org.mailplatform.mta.client;

import java.util.Locale;
import java.util.stream.Collectors;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.smtp.Xtext;

/**
 * MAIL FROM and RCPT TO lines with the parameters the peer announced, and none it did not
 * (RFC 5321 4.1.1.11: parameters only for extensions the server offered).
 */
final class MailCommands {

    private MailCommands() {
    }

    static String mailFrom(OutgoingMessage message, ServerCapabilities peer, long size) {
        StringBuilder sb = new StringBuilder("MAIL FROM:<").append(message.mailFrom()).append('>');
        if (!peer.esmtp()) {
            return sb.toString();
        }
        if (peer.size()) {
            sb.append(" SIZE=").append(size);                          // RFC 1870 6
        }
        if (message.bodyType() == BodyType.BINARY_MIME) {
            sb.append(" BODY=BINARYMIME");                             // RFC 3030 3
        } else if (peer.eightBitMime()
                && (message.bodyType() == BodyType.EIGHT_BIT_MIME || !WireData.sevenBitClean(message.content()))) {
            sb.append(" BODY=8BITMIME");                               // RFC 6152 2
        }
        if (message.smtpUtf8() && peer.smtpUtf8()) {
            sb.append(" SMTPUTF8");                                    // RFC 6531 3.4
        }
        if (message.requireTls() && peer.has("REQUIRETLS")) {
            sb.append(" REQUIRETLS");                                  // RFC 8689 4.2.1
        }
        if (peer.dsn()) {
            if (message.dsnReturn() != null) {
                sb.append(" RET=").append(message.dsnReturn().name()); // RFC 3461 4.3
            }
            if (message.envelopeId() != null) {
                sb.append(" ENVID=").append(Xtext.encode(message.envelopeId())); // RFC 3461 4.4
            }
        }
        return sb.toString();
    }

    static String rcptTo(Recipient recipient, ServerCapabilities peer) {
        StringBuilder sb = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
        if (!peer.esmtp() || !peer.dsn()) {
            return sb.toString();
        }
        if (!recipient.dsnNotify().isEmpty()) {
            // RFC 3461 4.1, with NEVER alone or SUCCESS, FAILURE, DELAY in any order.
            sb.append(" NOTIFY=").append(recipient.dsnNotify().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(",")));
        }
        OriginalRecipient original = recipient.originalRecipient();
        if (original != null) {
            String type = original.addressType().toLowerCase(Locale.ROOT);
            if (type.equals("utf-8")) {
                // RFC 6533 3: utf-8-addr-xtext, which is itself ASCII, for any address.
                sb.append(" ORCPT=utf-8;").append(Xtext.encodeUtf8Address(original.address()));
            } else if (isAscii(original.address())) {
                // RFC 3461 4.2: addr-type ";" xtext.
                sb.append(" ORCPT=").append(type).append(';').append(Xtext.encode(original.address()));
            }
        }
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
