package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * COMPRESS DEFLATE: RFC 4978 3. After login, so that the credentials never pass through a
 * compressor an attacker could probe; over TLS as well as without. The tagged OK leaves
 * uncompressed and everything after it in both directions is raw DEFLATE; a second COMPRESS gets
 * {@code NO [COMPRESSIONACTIVE]}.
 */
final class CompressCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("COMPRESS");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String mechanism = reader.nextKeyword();
        reader.end();
        if (!mechanism.equals("DEFLATE")) {
            throw ImapCommandException.bad("Unknown compression mechanism");
        }
        if (session.connection().compressionActive()) {
            throw ImapCommandException.no(ResponseCode.COMPRESSIONACTIVE, "DEFLATE is already active");
        }
        session.tagged(request.tag(), ImapStatus.OK, null, "DEFLATE active");
        session.connection().startCompression(session.out().drain());
        return Completion.deferred();
    }
}
