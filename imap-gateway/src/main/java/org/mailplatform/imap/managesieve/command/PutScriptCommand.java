package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.store.sieve.SieveScriptRejected;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/**
 * PUTSCRIPT: RFC 5804 2.6. Stores the script under its name, replacing one of the same name, once
 * the size and count limits (QUOTA) and the validator have passed it; a refused script is not
 * stored and the reply carries the validator's text.
 */
final class PutScriptCommand implements SieveCommand {

    @Override
    public String name() {
        return "PUTSCRIPT";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(2, 2);
        String name = ScriptReplies.name(line, 0);
        // RFC 5228 2.2: a script is UTF-8; the size limit counts octets, checked before decoding.
        long size = line.bytes(1).length;
        if (size > session.services().scripts().maxScriptSize()) {
            throw SieveError.no("QUOTA/MAXSIZE", "Script exceeds the size limit of "
                    + session.services().scripts().maxScriptSize() + " octets");
        }
        String content = line.string(1);
        try {
            session.services().scripts().put(session.account().id(), name, content);
        } catch (SieveScriptRejected e) {
            throw ScriptReplies.rejected(e);
        }
        session.ok("Script stored");
    }
}
