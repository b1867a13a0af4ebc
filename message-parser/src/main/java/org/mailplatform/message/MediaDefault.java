package org.mailplatform.message;

/** The media type an entity has when it carries no Content-Type. */
enum MediaDefault {
    /** RFC 2045 5.2: text/plain; charset=us-ascii. */
    TEXT_PLAIN("text", "plain"),
    /** RFC 2046 5.1.5: the parts of a multipart/digest default to message/rfc822. */
    MESSAGE_RFC822("message", "rfc822");

    final String type;
    final String subtype;

    MediaDefault(String type, String subtype) {
        this.type = type;
        this.subtype = subtype;
    }
}
