package org.mailplatform.mta.client;

import java.util.Optional;

import org.mailplatform.records.BodyType;

/**
 * What can be decided before MAIL FROM, from the EHLO reply alone: a message the peer cannot take
 * as it is fails permanently instead of being mangled on the way.
 */
final class MessagePreflight {

    private MessagePreflight() {
    }

    static Optional<DeliveryOutcome> refusal(OutgoingMessage message, ServerCapabilities peer, long size) {
        if (message.requireTls() && !peer.has("REQUIRETLS")) {
            // RFC 8689 4.2.1: the next hop must offer REQUIRETLS (after TLS); RFC 8689 5: 5.7.30.
            return Optional.of(DeliveryOutcome.permanent("5.7.30",
                    "REQUIRETLS is required by the sender, but was not offered by the receiving server"));
        }
        if (peer.sizeLimit().isPresent() && size > peer.sizeLimit().getAsLong()) {
            // RFC 1870 6.1 / RFC 3463 X.3.4.
            return Optional.of(DeliveryOutcome.permanent("5.3.4", "message size " + size
                    + " exceeds the size limit " + peer.sizeLimit().getAsLong() + " of the receiving server"));
        }
        if (message.smtpUtf8() && !peer.smtpUtf8()) {
            // RFC 6531 3.2: an SMTPUTF8 message to a server without SMTPUTF8 is rejected, not downgraded.
            return Optional.of(DeliveryOutcome.permanent("5.6.7",
                    "SMTPUTF8 is required, but was not offered by the receiving server"));
        }
        if (message.bodyType() == BodyType.BINARY_MIME) {
            if (!peer.binaryMime()) {
                // RFC 3030 3: BODY=BINARYMIME needs both CHUNKING and BINARYMIME at the peer.
                return Optional.of(DeliveryOutcome.permanent("5.6.3",
                        "binary message, but the receiving server offers no CHUNKING with BINARYMIME"));
            }
            return Optional.empty();
        }
        if (!peer.eightBitMime() && !WireData.sevenBitClean(message.content())) {
            // RFC 6152 3: without 8BITMIME at the peer, 8-bit content is either converted or
            // returned; this client returns it.
            return Optional.of(DeliveryOutcome.permanent("5.6.3",
                    "8-bit message, but the receiving server does not offer 8BITMIME"));
        }
        return Optional.empty();
    }
}
