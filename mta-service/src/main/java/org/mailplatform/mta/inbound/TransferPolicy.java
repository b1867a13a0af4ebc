package org.mailplatform.mta.inbound;

import java.time.Clock;

import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.MessageHandOff;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.smtp.MessageHeaders;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.Resolution;

/**
 * Port 25 rules: mail is taken only for recipients we host, and refused at RCPT time otherwise
 * (no accept-then-bounce backscatter); accepted mail goes to {@code mail.delivery} and 250 waits
 * for Kafka's acknowledgement.
 *
 * <p>Not an open relay (RFC 5321 3.6.2, 7.1): a recipient whose domain is not ours is refused
 * whatever tricks its local part holds. {@code user%other@ours} and {@code "user@other"@ours} are
 * just local parts of our domain (RFC 5321 2.3.11) and resolve to nobody; a source route
 * {@code <@a,@b:user@c>} is reduced to {@code user@c} by the parser (RFC 5321 C), so only c counts.
 */
public final class TransferPolicy implements SmtpPolicy {

    private final RecipientResolver resolver;
    private final InboundProperties properties;
    private final SmtpServiceMetrics metrics;
    private final MessageHandOff handOff;
    private final InboundAuthentication authentication;
    private final ClientBlocklists blocklists;
    private final InboundMilters milters;
    private final MilterMetrics milterMetrics;

    public TransferPolicy(String hostname, RecipientResolver resolver, MailRecordPublisher publisher,
                          InboundProperties properties, SmtpServiceMetrics metrics,
                          InboundAuthentication authentication, Clock clock,
                          ClientBlocklists blocklists, InboundMilters milters, MilterMetrics milterMetrics,
                          MessageEventLog events) {
        this.blocklists = blocklists;
        this.milters = milters;
        this.milterMetrics = milterMetrics;
        this.resolver = resolver;
        this.properties = properties;
        this.metrics = metrics;
        this.authentication = authentication;
        this.handOff = new MessageHandOff(hostname, MailTopics.DELIVERY, publisher,
                MessageHandOff.Completion.RECEIVED_ONLY, clock, events, "mta");
    }

    /** DNS blocklists (RFC 5782) are asked before the greeting. */
    @Override
    public SmtpReply checkConnection(SmtpSessionInfo session) {
        return blocklists.check(session);
    }

    /** Any sender may write to our users; the null sender is how DSNs arrive (RFC 5321 4.5.5). */
    @Override
    public SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters) {
        return null;
    }

    @Override
    public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient,
                                    RcptParameters parameters) {
        if (recipient.isBarePostmaster()) {
            return properties.postmaster().isBlank()
                    ? SmtpReply.of(550, "5.1.1", "No postmaster mailbox configured here")
                    : null;
        }
        if (recipient.isAddressLiteral()) {
            return relayDenied();
        }
        Resolution resolution = resolver.resolve(recipient.address());
        return switch (resolution) {
            case Resolution.Deliver deliver -> null;
            case Resolution.NotLocalDomain notLocal -> relayDenied();
            case Resolution.UnknownRecipient unknown -> {
                metrics.rejected("unknown_recipient");
                yield SmtpReply.of(550, "5.1.1", "Recipient address rejected: user unknown");
            }
            case Resolution.InvalidAddress invalid -> {
                metrics.rejected("invalid_recipient");
                yield SmtpReply.of(553, "5.1.3", "Recipient address rejected: not a valid mailbox here");
            }
        };
    }

    private SmtpReply relayDenied() {
        metrics.rejected("relay_denied");
        return SmtpReply.of(554, "5.7.1", "Relay access denied");
    }

    @Override
    public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        // RFC 5321 6.3: a message that has passed this many relays is looping.
        if (new MessageHeaders(message).count("Received") > properties.maxReceivedFields()) {
            metrics.rejected("loop");
            return SmtpReply.of(554, "5.4.6", "Too many hops: routing loop detected");
        }
        // Sender authentication first (SPF, DKIM, DMARC): a DMARC reject ends here, and the milters see the
        // message with its Authentication-Results field, as rspamd and OpenDKIM expect behind Postfix.
        InboundAuthentication.Outcome checked = authentication.check(session, tx, message);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        // The milter step (Postfix smtpd_milters): refuse, discard, or deliver as edited, maybe as junk.
        return switch (milters.check(session, tx, checked.message())) {
            case InboundMilters.Decision.Refuse refuse -> refuse.reply();
            case InboundMilters.Decision.Discard discard -> SmtpReply.of(250, "2.0.0", "Ok");
            case InboundMilters.Decision.Deliver deliver -> deliver(session, tx, deliver, checked.junkReason());
        };
    }

    /** Files as junk when the milters or the DMARC policy (p=quarantine) ask for it; the milters' reason wins. */
    private SmtpReply deliver(SmtpSessionInfo session, SmtpTransaction tx, InboundMilters.Decision.Deliver filtered,
                              String authenticationJunkReason) {
        if (filtered.junkReason() != null) {
            milterMetrics.junk();
        }
        String junkReason = filtered.junkReason() != null ? filtered.junkReason() : authenticationJunkReason;
        if (junkReason == null) {
            return handOff.publish(session, withPostmaster(tx), filtered.message());
        }
        return handOff.publish(session, withPostmaster(tx), filtered.message(), envelope -> envelope.withJunk(junkReason));
    }

    /** A bare "Postmaster" recipient is delivered to the configured postmaster address. */
    private SmtpTransaction withPostmaster(SmtpTransaction tx) {
        if (tx.recipients().stream().noneMatch(r -> r.path().isBarePostmaster())) {
            return tx;
        }
        String[] parts = properties.postmaster().split("@", 2);
        MailPath postmaster = new MailPath(parts[0], parts.length > 1 ? parts[1] : "", false);
        return new SmtpTransaction(tx.from(), tx.parameters(), tx.recipients().stream()
                .map(r -> r.path().isBarePostmaster() ? new SmtpTransaction.Recipient(postmaster, r.parameters()) : r)
                .toList());
    }
}
