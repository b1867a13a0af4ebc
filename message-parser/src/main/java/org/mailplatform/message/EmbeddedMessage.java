package org.mailplatform.message;

import java.util.Objects;

/**
 * The message inside a message/rfc822 (or identity-encoded message/global) part: the extra
 * BODYSTRUCTURE fields of RFC 3501 7.4.2 body-type-msg. {@code body} is the embedded message's
 * own root entity: its {@code headerStart} is the part's {@code bodyStart}, and its header and
 * body are what BODY[n.HEADER] and BODY[n.TEXT] return.
 */
public record EmbeddedMessage(Envelope envelope, BodyPart body) {

    public EmbeddedMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
    }
}
