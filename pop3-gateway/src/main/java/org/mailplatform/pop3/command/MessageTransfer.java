package org.mailplatform.pop3.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.mailplatform.pop3.protocol.DotStuffer;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.TopFilter;
import org.mailplatform.pop3.session.Maildrop;
import org.mailplatform.pop3.session.Pop3Session;
import org.mailplatform.store.message.MessageContent;

/**
 * Sends a message (RETR) or its top (TOP) as a multi-line response, streamed from the database in
 * slices: the session's thread waits whenever the client reads slower than it writes, so a large
 * message never sits in memory whole. The stored octets go out unchanged apart from byte-stuffing.
 */
final class MessageTransfer {

    private static final int BUFFER = 64 * 1024;

    private MessageTransfer() {
    }

    /**
     * @param top the TOP cut, or null for the whole message
     */
    static void send(Pop3Session session, String command, int number, String firstLine, TopFilter top)
            throws Pop3Error {
        Maildrop maildrop = session.maildrop();
        maildrop.message(number);
        MessageContent content = session.contents().content(maildrop, number)
                // Removed over IMAP since this session opened the maildrop.
                .orElseThrow(() -> new Pop3Error("Message " + number + " no longer exists"));
        DotStuffer body = session.beginMultiLine(firstLine);
        long sent = 0;
        try (InputStream in = content.openStream()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) > 0 && session.connection().isOpen()) {
                int take = top == null ? read : top.accept(buffer, 0, read);
                body.write(buffer, 0, take);
                sent += take;
                if (top != null && top.done()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        session.endMultiLine(body);
        session.services().metrics().retrieved(command, sent);
    }

    static String sizeLine(Maildrop maildrop, int number) throws Pop3Error {
        return maildrop.message(number).size() + " octets";
    }
}
