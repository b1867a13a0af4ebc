package org.mailplatform.imap.session;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.auth.sasl.ChannelBinding;

/** What the server advertises in CAPABILITY (RFC 9051 6.1.1, 7.2.2), depending on the session. */
public final class Capabilities {

    private static final List<String> EXTENSIONS = List.of(
            "LITERAL+",             // RFC 7888
            "SASL-IR",              // RFC 4959
            "ENABLE",               // RFC 5161
            "ID",                   // RFC 2971
            "IDLE",                 // RFC 2177
            "COMPRESS=DEFLATE",     // RFC 4978
            "NAMESPACE",            // RFC 2342
            "UNSELECT",             // RFC 3691
            "UIDPLUS",              // RFC 4315
            "MULTIAPPEND",          // RFC 3502
            "MOVE",                 // RFC 6851
            "CHILDREN",             // RFC 3348
            "LIST-EXTENDED",        // RFC 5258
            "LIST-STATUS",          // RFC 5819
            "SPECIAL-USE",          // RFC 6154
            "CREATE-SPECIAL-USE",   // RFC 6154
            "CONDSTORE",            // RFC 7162
            "QRESYNC",              // RFC 7162
            "ESEARCH",              // RFC 4731
            "SEARCHRES",            // RFC 5182
            "BINARY",               // RFC 3516
            "UTF8=ACCEPT",          // RFC 6855
            "STATUS=SIZE",          // RFC 8438
            "QUOTA",                // RFC 9208
            "QUOTA=RES-STORAGE",    // RFC 9208 5.1
            "SORT",                 // RFC 5256
            "ESORT",                // RFC 5267
            "SORT=DISPLAY",         // RFC 5957
            "THREAD=ORDEREDSUBJECT", // RFC 5256
            "THREAD=REFERENCES");   // RFC 5256

    private Capabilities() {
    }

    public static List<String> of(ImapSession session) {
        List<String> caps = new ArrayList<>();
        caps.add("IMAP4rev1");
        caps.add("IMAP4rev2");
        if (session.state() == SessionState.NOT_AUTHENTICATED) {
            if (session.connection().canStartTls()) {
                caps.add("STARTTLS");
            }
            // RFC 9051 6.2.3, RFC 8314: no password travels in the clear.
            if (session.plaintextAuthAllowed()) {
                // LOGIN has the LOGIN command; every other SASL mechanism is named (RFC 9051 7.2.2),
                // -PLUS only with TLS 1.3 channel binding (RFC 9266 3).
                ChannelBinding binding = ChannelBinding.of(session.connection().sslSession());
                session.services().sasl().mechanisms(binding).stream()
                        .filter(m -> !m.equals("LOGIN"))
                        .forEach(m -> caps.add("AUTH=" + m));
            } else {
                caps.add("LOGINDISABLED");
            }
        }
        caps.addAll(EXTENSIONS);
        caps.add("APPENDLIMIT=" + session.services().settings().appendLimit());
        return caps;
    }
}
