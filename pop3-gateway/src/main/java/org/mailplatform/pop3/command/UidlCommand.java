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
 * UIDL [msg]: RFC 1939 7. The unique-id is {@code <UIDVALIDITY>.<UID>}: the same message under
 * IMAP, stable across sessions, never reused (see {@link Maildrop#uniqueId}).
 */
final class UidlCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "UIDL";
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
            maildrop.message(number);
            session.ok(number + " " + maildrop.uniqueId(number));
            return;
        }
        DotStuffer listing = session.beginMultiLine("unique-id listing follows");
        for (int n = 1; n <= maildrop.highestNumber(); n++) {
            if (!maildrop.isDeleted(n)) {
                listing.line(n + " " + maildrop.uniqueId(n));
            }
        }
        session.endMultiLine(listing);
    }
}
