package org.mailplatform.pop3.server;

import java.nio.charset.StandardCharsets;

import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.pop3.command.Pop3Dispatcher;
import org.mailplatform.pop3.session.Pop3Services;
import org.mailplatform.pop3.session.Pop3Settings;

/** Opens a POP3 session per accepted connection. */
public final class Pop3SessionFactory implements ProtocolSessionFactory {

    private final Pop3Settings settings;
    private final Pop3Services services;
    private final Pop3Dispatcher dispatcher = new Pop3Dispatcher();

    public Pop3SessionFactory(Pop3Settings settings, Pop3Services services) {
        this.settings = settings;
        this.services = services;
    }

    @Override
    public ProtocolSession open(SessionContext context) {
        return new Pop3ProtocolSession(context, settings, services, dispatcher);
    }

    /** RFC 3206 4: a temporary condition; the client may try again. */
    @Override
    public byte[] tooManyConnectionsReply() {
        return "-ERR [SYS/TEMP] Too many connections\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] internalErrorReply() {
        return "-ERR [SYS/TEMP] Internal server error\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
