package org.mailplatform.smtp.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.smtp.SmtpMetrics;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpSettings;

/**
 * Plugs the SMTP conversation into the protocol kernel: one {@link SmtpProtocolSession} per connection.
 *
 * <p>Deadlines: with AUTH (submission) the kernel's login deadline ends at a successful AUTH. Without
 * AUTH (port 25) there is no login to wait for: the login deadline bounds the commands up to each
 * DATA or first BDAT, the message deadline bounds the transfer from there to its end, and after each
 * message the login deadline starts over. A sender may deliver any number of messages over one
 * connection, but never stall between or inside them.
 */
public final class SmtpSessionFactory implements ProtocolSessionFactory {

    private final SmtpSettings settings;
    private final SmtpPolicy policy;
    private final SaslAuthenticator sasl;
    private final SmtpMetrics metrics;
    private final Duration messageDeadline;

    /** How long a message transfer (DATA or BDAT) may take on port 25 unless configured otherwise. */
    public static final Duration DEFAULT_MESSAGE_DEADLINE = Duration.ofMinutes(30);

    /** @param sasl null for a service without AUTH (port 25) */
    public SmtpSessionFactory(SmtpSettings settings, SmtpPolicy policy, SaslAuthenticator sasl, SmtpMetrics metrics) {
        this(settings, policy, sasl, metrics, DEFAULT_MESSAGE_DEADLINE);
    }

    /**
     * @param sasl            null for a service without AUTH (port 25)
     * @param messageDeadline without AUTH: how long one message transfer, DATA or BDAT to its end, may take
     */
    public SmtpSessionFactory(SmtpSettings settings, SmtpPolicy policy, SaslAuthenticator sasl, SmtpMetrics metrics,
                              Duration messageDeadline) {
        this.messageDeadline = messageDeadline;
        this.settings = settings;
        this.policy = policy;
        this.sasl = sasl;
        this.metrics = metrics == null ? SmtpMetrics.NONE : metrics;
    }

    @Override
    public ProtocolSession open(SessionContext context) {
        context.setIdleTimeout(settings.idleTimeout());
        return new SmtpProtocolSession(context, settings, policy,
                sasl == null ? null : new SaslSmtpAuthentication(sasl), metrics, messageDeadline);
    }

    /** RFC 5321 3.8: 421 before closing a connection we can't serve. */
    @Override
    public byte[] tooManyConnectionsReply() {
        return "421 4.7.0 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] internalErrorReply() {
        return "421 4.3.0 Internal error, closing connection\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
