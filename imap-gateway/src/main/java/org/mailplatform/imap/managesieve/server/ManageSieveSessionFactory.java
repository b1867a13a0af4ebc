package org.mailplatform.imap.managesieve.server;

import java.nio.charset.StandardCharsets;

import org.mailplatform.imap.managesieve.command.SieveDispatcher;
import org.mailplatform.imap.managesieve.session.ManageSieveServices;
import org.mailplatform.imap.managesieve.session.ManageSieveSettings;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;

/** Opens a ManageSieve session per accepted connection. */
public final class ManageSieveSessionFactory implements ProtocolSessionFactory {

    private final ManageSieveSettings settings;
    private final ManageSieveServices services;
    private final SieveDispatcher dispatcher = new SieveDispatcher();

    public ManageSieveSessionFactory(ManageSieveSettings settings, ManageSieveServices services) {
        this.settings = settings;
        this.services = services;
    }

    @Override
    public ProtocolSession open(SessionContext context) {
        return new ManageSieveProtocolSession(context, settings, services, dispatcher);
    }

    /** RFC 5804 1.3 TRYLATER: the condition is temporary. */
    @Override
    public byte[] tooManyConnectionsReply() {
        return "BYE (TRYLATER) \"Too many connections\"\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] internalErrorReply() {
        return "BYE (TRYLATER) \"Internal server error\"\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
