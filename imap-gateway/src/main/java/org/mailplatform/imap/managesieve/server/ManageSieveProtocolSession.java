package org.mailplatform.imap.managesieve.server;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.mailplatform.imap.managesieve.command.SieveDispatcher;
import org.mailplatform.imap.managesieve.protocol.CommandReader;
import org.mailplatform.imap.managesieve.protocol.SieveResponses;
import org.mailplatform.imap.managesieve.protocol.Token;
import org.mailplatform.imap.managesieve.session.ManageSieveServices;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.ManageSieveSettings;
import org.mailplatform.imap.managesieve.session.SieveState;
import org.mailplatform.kernel.LimitExceeded;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.SessionContext;

/**
 * One ManageSieve connection: lines and literals from the kernel are assembled into commands
 * (RFC 5804 4) and handed to the dispatcher. Literals are bounded: before authentication by
 * {@link ManageSieveSettings#maxPreAuthLiteral()}, after it by the script size limit. A literal over
 * the limit is read and dropped when it is at most four times the limit (the command then gets NO
 * and the connection goes on), otherwise the connection is closed with BYE.
 */
final class ManageSieveProtocolSession implements ProtocolSession {

    /** The command name and at most three arguments (RENAMESCRIPT and HAVESPACE have two). */
    private static final int MAX_TOKENS = 4;
    private static final int DISCARD_FACTOR = 4;

    private final SessionContext context;
    private final ManageSieveSettings settings;
    private final ManageSieveSession session;
    private final SieveDispatcher dispatcher;
    private final CommandReader reader = new CommandReader(MAX_TOKENS);

    private ByteArrayOutputStream literal;
    private long commandOctets;
    /** Set while a refused command's literals are read and dropped: the reply sent once it ends. */
    private String skipReply;

    ManageSieveProtocolSession(SessionContext context, ManageSieveSettings settings, ManageSieveServices services,
                               SieveDispatcher dispatcher) {
        this.context = context;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.session = new ManageSieveSession(context, settings, services);
    }

    @Override
    public void onConnect() {
        session.start();
    }

    @Override
    public void onLine(Line line) {
        if (line.tooLong()) {
            // The rest of the line is gone, and with it any literal header: the input cannot be followed.
            session.bye(SieveResponses.response("BYE", null, "Line too long"));
            return;
        }
        if (skipReply != null) {
            skipRest(line.bytes());
            return;
        }
        CommandReader.Step step;
        try {
            step = reader.line(line.bytes());
        } catch (CommandReader.Malformed malformed) {
            if (malformed.literalToSkip() >= 0) {
                skip(malformed.literalToSkip(), SieveResponses.response("NO", null, malformed.getMessage()));
            } else {
                commandOctets = 0;
                dispatcher.onMalformed(session, malformed.getMessage());
            }
            return;
        }
        switch (step) {
            case CommandReader.Step.NeedLiteral need -> startLiteral(need.size());
            case CommandReader.Step.Complete complete -> {
                commandOctets = 0;
                dispatcher.onCommand(session, complete.tokens());
            }
        }
    }

    @Override
    public void onRawBytes(byte[] chunk, boolean last) {
        if (skipReply != null) {
            return;
        }
        literal.writeBytes(chunk);
        if (last) {
            reader.literal(literal.toByteArray());
            literal = null;
        }
    }

    private void startLiteral(long size) {
        long limit = literalLimit();
        commandOctets += size;
        if (size > limit || commandOctets > limit + 64 * 1024) {
            String reply = isScriptCommand()
                    ? SieveResponses.response("NO", "QUOTA/MAXSIZE", "Script exceeds the size limit of " + limit + " octets")
                    : SieveResponses.response("NO", null, "Literal too large");
            if (session.state() == SieveState.AUTHENTICATED && size <= limit * DISCARD_FACTOR) {
                skip(size, reply);
            } else {
                reader.reset();
                session.bye(SieveResponses.response("BYE", null, "Literal too large"));
            }
            return;
        }
        if (size == 0) {
            reader.literal(new byte[0]);
            return;
        }
        literal = new ByteArrayOutputStream((int) size);
        context.readRaw(size);
    }

    /** Drops {@code size} octets and the rest of the command, then sends {@code reply}. */
    private void skip(long size, String reply) {
        reader.reset();
        commandOctets = 0;
        skipReply = reply;
        if (size > 0) {
            context.readRaw(size);
        }
    }

    /** A line after a dropped literal: another literal of the same command, or its end. */
    private void skipRest(byte[] line) {
        long next = -1;
        try {
            CommandReader probe = new CommandReader(Integer.MAX_VALUE);
            if (probe.line(line) instanceof CommandReader.Step.NeedLiteral need) {
                next = need.size();
            }
        } catch (CommandReader.Malformed malformed) {
            next = malformed.literalToSkip();
        }
        if (next > 0 && next <= literalLimit() * DISCARD_FACTOR) {
            context.readRaw(next);
            return;
        }
        String reply = skipReply;
        skipReply = null;
        if (next > 0) {
            session.bye(SieveResponses.response("BYE", null, "Literal too large"));
            return;
        }
        session.send(reply);
    }

    private long literalLimit() {
        return session.state() == SieveState.AUTHENTICATED
                ? session.services().scripts().maxScriptSize() : settings.maxPreAuthLiteral();
    }

    private boolean isScriptCommand() {
        List<Token> sofar = reader.tokensSoFar();
        return !sofar.isEmpty() && sofar.getFirst() instanceof Token.Atom(String name)
                && (name.equalsIgnoreCase("PUTSCRIPT") || name.equalsIgnoreCase("CHECKSCRIPT"));
    }

    @Override
    public void onLimitExceeded(LimitExceeded limit) {
        String reason = switch (limit) {
            case LINE_TOO_LONG -> "Line too long";
            case DEADLINE -> "Autologout; not authenticated in time";
            case LINE_TOO_SLOW, PAYLOAD_TOO_SLOW -> "Autologout; input too slow";
        };
        session.bye(SieveResponses.response("BYE", null, reason));
    }

    @Override
    public void onIdleTimeout() {
        session.bye(SieveResponses.response("BYE", null, "Autologout; idle for too long"));
    }

    /** RFC 5804 1.3 TRYLATER: the client may reconnect to another replica. */
    @Override
    public void onShutdown() {
        session.bye(SieveResponses.response("BYE", "TRYLATER", "Server shutting down"));
    }
}
