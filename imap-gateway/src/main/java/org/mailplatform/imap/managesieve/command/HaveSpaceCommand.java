package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** HAVESPACE: RFC 5804 2.5. Whether a script of that size could be stored under that name now. */
final class HaveSpaceCommand implements SieveCommand {

    @Override
    public String name() {
        return "HAVESPACE";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(2, 2);
        String name = ScriptReplies.name(line, 0);
        long size = line.number(1);
        var refusal = session.services().scripts().checkSpace(session.account().id(), name, size);
        if (refusal.isPresent()) {
            throw ScriptReplies.rejected(refusal.get());
        }
        session.ok("Putscript would succeed");
    }
}
