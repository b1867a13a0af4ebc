package org.mailplatform.smtp.command;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.smtp.SmtpConversation;

/** The EHLO keywords of a session; what is offered depends on TLS and authentication state. */
final class Extensions {

    private Extensions() {
    }

    static List<String> offered(SmtpConversation c) {
        List<String> ext = new ArrayList<>();
        ext.add("PIPELINING");                                   // RFC 2920
        ext.add("SIZE " + c.settings().maxMessageSize());        // RFC 1870
        ext.add("8BITMIME");                                     // RFC 6152
        ext.add("SMTPUTF8");                                     // RFC 6531
        ext.add("ENHANCEDSTATUSCODES");                          // RFC 2034
        ext.add("CHUNKING");                                     // RFC 3030
        ext.add("BINARYMIME");                                   // RFC 3030
        ext.add("DSN");                                          // RFC 3461
        if (c.connection().tlsActive()) {
            ext.add("REQUIRETLS");                               // RFC 8689 2: only on a TLS session
        }
        if (c.connection().startTlsAvailable()) {
            ext.add("STARTTLS");                                 // RFC 3207
        }
        if (authOffered(c)) {
            ext.add("AUTH " + String.join(" ", c.authentication().mechanisms(c)));   // RFC 4954
        }
        ext.add("HELP");
        return ext;
    }

    /** No password before TLS (RFC 8314 and the platform's defaults), unless local development allows it. */
    static boolean authOffered(SmtpConversation c) {
        return c.settings().offerAuth() && c.authentication() != null
                && (c.connection().tlsActive() || c.settings().allowPlaintextAuth());
    }
}
