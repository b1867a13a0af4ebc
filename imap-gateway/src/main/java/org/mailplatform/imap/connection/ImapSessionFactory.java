package org.mailplatform.imap.connection;

import java.nio.charset.StandardCharsets;

import org.mailplatform.imap.command.CommandDispatcher;
import org.mailplatform.imap.session.ImapServices;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;

/** Opens an IMAP session for each connection the kernel accepts. */
public final class ImapSessionFactory implements ProtocolSessionFactory {

    private final ImapServices services;
    private final CommandDispatcher dispatcher;

    public ImapSessionFactory(ImapServices services, CommandDispatcher dispatcher) {
        this.services = services;
        this.dispatcher = dispatcher;
    }

    @Override
    public ProtocolSession open(SessionContext context) {
        return new ImapConnection(context, services, dispatcher);
    }

    /** RFC 9051 7.1.5: BYE, then the connection closes. */
    @Override
    public byte[] tooManyConnectionsReply() {
        return "* BYE [UNAVAILABLE] Too many connections\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] internalErrorReply() {
        return "* BYE [SERVERBUG] Internal error\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
