package org.mailplatform.msa.submission;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;

import org.mailplatform.smtp.MessageHeaders;
import org.mailplatform.smtp.ReceivedField;

/**
 * What a submission server may add to a message (RFC 6409 8): a Date (8.2) and a Message-ID (8.3)
 * when the client left them out, and the Received trace field on top (RFC 5321 4.4). Every other
 * byte of the message is kept exactly as submitted.
 */
public final class SubmissionMessage {

    private SubmissionMessage() {
    }

    /**
     * @param received the Received field, CRLF-terminated, to put first
     * @param queueId  makes the Message-ID unique: {@code <queueId@hostname>}
     */
    public static byte[] complete(byte[] message, byte[] received, String queueId, String hostname, ZonedDateTime now) {
        MessageHeaders headers = new MessageHeaders(message);
        StringBuilder added = new StringBuilder();
        if (!headers.has("Date")) {
            added.append("Date: ").append(ReceivedField.RFC5322_DATE.format(now)).append("\r\n");
        }
        if (!headers.has("Message-ID")) {
            added.append("Message-ID: <").append(queueId).append('@').append(hostname).append(">\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + received.length + added.length() + 2);
        out.writeBytes(received);
        if (added.isEmpty()) {
            out.writeBytes(message);
            return out.toByteArray();
        }
        // The new fields go at the end of the header section, before the empty line.
        int end = headers.headerLength();
        out.write(message, 0, end);
        if (end > 0 && message[end - 1] != '\n') {
            out.writeBytes(CRLF);
        }
        out.writeBytes(added.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(message, end, message.length - end);
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
