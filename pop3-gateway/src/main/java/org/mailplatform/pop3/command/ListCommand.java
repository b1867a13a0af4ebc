package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.DotStuffer;
import org.mailplatform.pop3.protocol.Numbers;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Maildrop;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * LIST [msg]: RFC 1939 5. A scan listing "number size" per message not marked as deleted; the
 * size is exactly the octets RETR sends before byte-stuffing.
 */
final class ListCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "LIST";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(0, 1);
        Maildrop maildrop = session.maildrop();
        if (line.argumentCount() == 1) {
            int number = Numbers.messageNumber(line.argument(0));
            session.ok(number + " " + maildrop.message(number).size());
            return;
        }
        DotStuffer listing = session.beginMultiLine(maildrop.count() + " messages (" + maildrop.octets() + " octets)");
        for (int n = 1; n <= maildrop.highestNumber(); n++) {
            if (!maildrop.isDeleted(n)) {
                listing.line(n + " " + maildrop.entry(n).size());
            }
        }
        session.endMultiLine(listing);
    }
}
