package org.mailplatform.smtp;

/** A command argument that could not be accepted; carries the reply the client gets. */
public final class SmtpSyntaxException extends Exception {

    private final transient SmtpReply reply;

    public SmtpSyntaxException(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }

    static SmtpSyntaxException badPath(String why) {
        return new SmtpSyntaxException(SmtpReply.of(501, "5.1.3", "Bad address syntax: " + why));
    }

    static SmtpSyntaxException badParameter(String why) {
        return new SmtpSyntaxException(SmtpReply.of(501, "5.5.4", why));
    }
}
