package org.mailplatform.mta.inbound;

import java.net.InetAddress;

import org.mailplatform.msgauth.AuthenticationVerdict;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.msgauth.MessageAuthenticator;
import org.mailplatform.msgauth.dmarc.DmarcRecord;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-of-DATA step that authenticates the sender of mail from other servers (SPF, DKIM,
 * DMARC), puts the Authentication-Results field on the message, and applies a failed DMARC
 * policy when enforcement is on. Authenticated sessions (submission) are never checked.
 */
public final class InboundAuthentication {

    private static final Logger log = LoggerFactory.getLogger(InboundAuthentication.class);

    /**
     * @param message    the message to hand on
     * @param refusal    the reply refusing the message, or null
     * @param junkReason why the message goes to the recipients' Junk mailbox (p=quarantine), or null
     */
    public record Outcome(byte[] message, SmtpReply refusal, String junkReason) {

        /** The envelope as published: asking the MDA for Junk filing when the policy quarantines. */
        public MailEnvelope envelope(MailEnvelope envelope) {
            return junkReason == null ? envelope : envelope.withJunk(junkReason);
        }
    }

    private final MessageAuthenticator authenticator;
    private final AuthenticationProperties properties;
    private final AuthenticationMetrics metrics;
    private final SmtpServiceMetrics smtpMetrics;

    InboundAuthentication(MessageAuthenticator authenticator, AuthenticationProperties properties,
                          AuthenticationMetrics metrics, SmtpServiceMetrics smtpMetrics) {
        this.authenticator = authenticator;
        this.properties = properties;
        this.metrics = metrics;
        this.smtpMetrics = smtpMetrics;
    }

    public Outcome check(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        if (session.authenticated() || !properties.anyEnabled() || session.clientAddress() == null) {
            return new Outcome(message, null, null);
        }
        InetAddress client = session.clientAddress().getAddress();
        String mailFrom = tx.from().isNull() ? "" : tx.from().address();
        AuthenticationVerdict verdict = authenticator.authenticate(client, session.heloName(), mailFrom, message);
        metrics.record(verdict);
        if (verdict.forgedRemoved() > 0) {
            log.info("removed {} Authentication-Results field(s) claiming our authserv-id", verdict.forgedRemoved());
        }
        DmarcRecord.Policy disposition = verdict.dmarcDisposition();
        if (verdict.dmarc() != null && disposition != DmarcRecord.Policy.NONE) {
            log.info("DMARC {} for {}: policy {}, disposition {}{}", verdict.dmarc().outcome().keyword(),
                    verdict.dmarc().fromDomain(), verdict.dmarc().policy().keyword(), disposition.keyword(),
                    properties.dmarcEnforce() ? "" : " (not enforced)");
        }
        if (!properties.dmarcEnforce()) {
            return new Outcome(verdict.message(), null, null);
        }
        return switch (disposition) {
            case REJECT -> {
                metrics.action("reject");
                smtpMetrics.rejected("dmarc_policy");
                // RFC 7489 10.3: reject after DATA with 550 5.7.1.
                yield new Outcome(verdict.message(), SmtpReply.of(550, "5.7.1",
                        "Message rejected: DMARC policy of " + verdict.dmarc().fromDomain()
                                + " says to reject unauthenticated mail"), null);
            }
            case QUARANTINE -> {
                metrics.action("quarantine");
                // RFC 7489 6.3 p=quarantine: "treat as suspicious", here the recipients' \Junk mailbox.
                yield new Outcome(verdict.message(), null, "dmarc: p=" + verdict.dmarc().policy().keyword()
                        + " for " + verdict.dmarc().fromDomain());
            }
            case NONE -> new Outcome(verdict.message(), null, null);
        };
    }
}
