package org.mailplatform.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * ENABLE: RFC 5161. CONDSTORE and QRESYNC (RFC 7162 3.1, 3.2.3), UTF8=ACCEPT (RFC 6855 3) and
 * IMAP4rev2 (RFC 9051); unknown names are ignored, as RFC 5161 3.1 requires.
 */
final class EnableCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("ENABLE");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        ImapArgReader reader = request.reader();
        if (!reader.hasNext()) {
            throw new ImapSyntaxException("ENABLE needs at least one capability");
        }
        List<String> enabled = new ArrayList<>();
        while (reader.hasNext()) {
            String capability = reader.nextAtom();
            switch (capability.toUpperCase(Locale.ROOT)) {
                case "CONDSTORE" -> {
                    session.enableCondstore();
                    enabled.add("CONDSTORE");
                }
                case "QRESYNC" -> {
                    session.enableQresync();
                    enabled.add("QRESYNC");
                }
                case "UTF8=ACCEPT" -> {
                    session.enableUtf8();
                    enabled.add("UTF8=ACCEPT");
                }
                case "IMAP4REV2" -> {
                    session.enableImap4rev2();
                    enabled.add("IMAP4rev2");
                }
                default -> {
                }
            }
        }
        var line = session.out().untagged().atom("ENABLED");
        enabled.stream().distinct().forEach(line::atom);
        line.end();
        return Completion.ok("ENABLE completed");
    }
}
