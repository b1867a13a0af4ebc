package org.mailplatform.message;

/**
 * Whether a message has attachments, the way mail clients show a paper clip: a part marked
 * {@code Content-Disposition: attachment} (RFC 2183 2.2), a part with a file name that is not
 * marked inline, or an embedded message.
 */
final class Attachments {

    private Attachments() {
    }

    static boolean any(BodyPart part) {
        if (part.multipart()) {
            return part.parts().stream().anyMatch(Attachments::any);
        }
        if (part.embedsMessage()) {
            return true;
        }
        String disposition = part.disposition() == null ? null : part.disposition().type();
        if ("attachment".equals(disposition)) {
            return true;
        }
        return part.filename() != null && !"inline".equals(disposition);
    }
}
