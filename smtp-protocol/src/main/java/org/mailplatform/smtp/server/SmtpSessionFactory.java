package org.mailplatform.smtp.server;

import java.nio.charset.StandardCharsets;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.smtp.SmtpMetrics;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpSettings;

/** Plugs the SMTP conversation into the protocol kernel: one {@link SmtpProtocolSession} per connection. */
public final class SmtpSessionFactory implements ProtocolSessionFactory {

    private final SmtpSettings settings;
    private final SmtpPolicy policy;
    private final SaslAuthenticator sasl;
    private final SmtpMetrics metrics;

    /** @param sasl null for a service without AUTH (port 25) */
    public SmtpSessionFactory(SmtpSettings settings, SmtpPolicy policy, SaslAuthenticator sasl, SmtpMetrics metrics) {
        this.settings = settings;
        this.policy = policy;
        this.sasl = sasl;
        this.metrics = metrics == null ? SmtpMetrics.NONE : metrics;
    }

    @Override
    public ProtocolSession open(SessionContext context) {
        context.setIdleTimeout(settings.idleTimeout());
        return new SmtpProtocolSession(context, settings, policy,
                sasl == null ? null : new SaslSmtpAuthentication(sasl), metrics);
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
