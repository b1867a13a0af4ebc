package org.mailplatform.mta.dsn;

import java.util.Arrays;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.smtp.MessageHeaders;

/**
 * What of the original message goes into the DSN's third part (RFC 3462 / RFC 6522 3):
 * the whole message for RET=FULL on a failure, up to a size limit, else the header section.
 *
 * @param content     the bytes to return
 * @param fullMessage whether they are the whole message
 */
public record ReturnedContent(byte[] content, boolean fullMessage) {

    /**
     * @param failure RFC 3461 4.3: RET concerns failure DSNs; delay and success notices carry the
     *                headers only
     */
    public static ReturnedContent choose(byte[] message, DsnReturn ret, BodyType bodyType, boolean failure,
                                         DsnProperties properties) {
        DsnReturn effective = ret != null ? ret : properties.defaultReturn();
        boolean full = failure && effective == DsnReturn.FULL
                && message.length <= properties.maxReturnedSize().toBytes()
                // A binary body cannot travel inside message/rfc822 (RFC 3030 3, RFC 2046 5.2.1).
                && bodyType != BodyType.BINARY_MIME;
        return full ? new ReturnedContent(message, true) : new ReturnedContent(headerSection(message), false);
    }

    /** RFC 5322 2.1: the header fields, up to the empty line that ends them. */
    public static byte[] headerSection(byte[] message) {
        return Arrays.copyOf(message, new MessageHeaders(message).headerLength());
    }
}
