package org.mailplatform.mta.client;

import java.io.IOException;

/** The peer said something that is not SMTP (RFC 5321 4.2); the connection is not used further. */
public final class SmtpProtocolException extends IOException {

    public SmtpProtocolException(String message) {
        super(message);
    }
}
