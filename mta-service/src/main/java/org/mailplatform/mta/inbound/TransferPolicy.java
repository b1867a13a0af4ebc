package org.mailplatform.mta.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.mailplatform.msgauth.srs.SrsReversal;
import org.mailplatform.mta.srs.SrsAddresses;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.smtp.MessageHandOff;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.smtp.MessageHeaders;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port 25 rules: mail is taken only for recipients we host, and refused at RCPT time otherwise
 * (no accept-then-bounce backscatter); accepted mail goes to {@code mail.delivery} and 250 waits
 * for Kafka's acknowledgement.
 *
 * <p>Not an open relay (RFC 5321 3.6.2, 7.1): a recipient whose domain is not ours is refused
 * whatever tricks its local part holds. {@code user%other@ours} and {@code "user@other"@ours} are
 * just local parts of our domain (RFC 5321 2.3.11) and resolve to nobody; a source route
 * {@code <@a,@b:user@c>} is reduced to {@code user@c} by the parser (RFC 5321 C), so only c counts.
 *
 * <p>An SRS address of ours (a bounce to mail the MDA forwarded) is taken when its hash and age
 * check out and stands for the address it reverses to: a local one is delivered like any local
 * recipient, a remote one is relayed through {@code mail.outbound}, as Postfix does with postsrsd's
 * reverse map. That is relaying, but only to addresses whose mail we forwarded: a forged or expired
 * SRS address is refused with 550 5.1.1.
 */
public final class TransferPolicy implements SmtpPolicy {

    private final RecipientResolver resolver;
    private final InboundProperties properties;
    private final SmtpServiceMetrics metrics;
    private final MessageHandOff handOff;
    private final InboundAuthentication authentication;
    private final ClientBlocklists blocklists;
    private final InboundMilters milters;
    private static final Logger log = LoggerFactory.getLogger(TransferPolicy.class);

    private final MilterMetrics milterMetrics;
    private final MilterEnvelope milterEnvelope;
    private final MessageHandOff relayHandOff;
    private final SrsAddresses srsAddresses;
    private final DisabledAccounts disabledAccounts;

    public TransferPolicy(String hostname, RecipientResolver resolver, MailRecordPublisher publisher,
                          InboundProperties properties, SmtpServiceMetrics metrics,
                          InboundAuthentication authentication, Clock clock,
                          ClientBlocklists blocklists, InboundMilters milters, MilterMetrics milterMetrics,
                          SrsAddresses srsAddresses, DisabledAccounts disabledAccounts, MailTracing tracing,
                          MessageEventLog events) {
        this.srsAddresses = srsAddresses;
        this.disabledAccounts = disabledAccounts;
        this.blocklists = blocklists;
        this.milters = milters;
        this.milterMetrics = milterMetrics;
        this.milterEnvelope = new MilterEnvelope(this::checkRecipient, milterMetrics);
        this.resolver = resolver;
        this.properties = properties;
        this.metrics = metrics;
        this.authentication = authentication;
        this.handOff = new MessageHandOff(hostname, MailTopics.DELIVERY, publisher,
                MessageHandOff.Completion.RECEIVED_ONLY, clock, tracing, events, "mta");
        this.relayHandOff = new MessageHandOff(hostname, MailTopics.OUTBOUND, publisher,
                MessageHandOff.Completion.RECEIVED_ONLY, clock, tracing, events, "mta");
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
        return checkRecipient(recipient);
    }

    /** Whether port 25 takes mail for this recipient: null when it does, the refusal otherwise. */
    private SmtpReply checkRecipient(MailPath recipient) {
        if (recipient.isBarePostmaster()) {
            return properties.postmaster().isBlank()
                    ? SmtpReply.of(550, "5.1.1", "No postmaster mailbox configured here")
                    : null;
        }
        if (recipient.isAddressLiteral()) {
            return relayDenied();
        }
        Optional<SrsReversal> srs = srsAddresses.reverse(recipient.address());
        if (srs.isPresent()) {
            return checkSrsRecipient(srs.get());
        }
        return checkLocal(resolver.resolve(recipient.address()));
    }

    /** A bounce to a forward: refused when forged or expired, else checked as the address it stands for. */
    private SmtpReply checkSrsRecipient(SrsReversal reversal) {
        return switch (reversal) {
            case SrsReversal.Refused refused -> {
                metrics.rejected("srs_" + refused.reason().tag());
                srsAddresses.metrics().refused(refused.reason());
                yield SmtpReply.of(550, "5.1.1", "Recipient address rejected: " + refused.reason().text());
            }
            case SrsReversal.Reversed(String address) -> switch (resolver.resolve(address)) {
                // Not ours: relayed to where the forwarded mail came from.
                case Resolution.NotLocalDomain notLocal -> null;
                case Resolution local -> checkLocal(local);
            };
        };
    }

    private SmtpReply checkLocal(Resolution resolution) {
        return switch (resolution) {
            case Resolution.Deliver deliver when disabledAccounts.refuses(deliver) -> {
                metrics.rejected("mailbox_disabled");
                // RFC 3463 X.2.1: the mailbox exists but is not accepting messages.
                yield SmtpReply.of(550, "5.2.1", "Recipient mailbox disabled, not accepting messages");
            }
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

    /**
     * Files as junk when the milters or the DMARC policy (p=quarantine) ask for it; the milters' reason wins.
     * The milters' envelope changes apply first; a message they left without recipients is accepted and
     * dropped, as Postfix does.
     */
    private SmtpReply deliver(SmtpSessionInfo session, SmtpTransaction received, InboundMilters.Decision.Deliver filtered,
                              String authenticationJunkReason) {
        SmtpTransaction tx = milterEnvelope.apply(received, filtered.envelope());
        if (tx.recipients().isEmpty()) {
            milterMetrics.envelope("dropped");
            log.info("the milters removed every recipient: message accepted and dropped");
            return SmtpReply.of(250, "2.0.0", "Ok");
        }
        if (filtered.junkReason() != null) {
            milterMetrics.junk();
        }
        String junkReason = filtered.junkReason() != null ? filtered.junkReason() : authenticationJunkReason;
        SmtpTransaction routed = withSrsReversed(withPostmaster(tx));
        // A reversed address elsewhere goes out through the queue, which also hands the local recipients on.
        MessageHandOff target = routed.recipients().stream().allMatch(r -> srsAddresses.isLocal(r.path().address()))
                ? handOff : relayHandOff;
        if (junkReason == null) {
            return target.publish(session, routed, filtered.message());
        }
        return target.publish(session, routed, filtered.message(), envelope -> envelope.withJunk(junkReason));
    }

    /** Each SRS recipient replaced by the address it stands for (checked at RCPT, so it reverses). */
    private SmtpTransaction withSrsReversed(SmtpTransaction tx) {
        List<SmtpTransaction.Recipient> recipients = tx.recipients().stream().map(r -> {
            Optional<SrsReversal> srs = srsAddresses.reverse(r.path().address());
            if (srs.isEmpty() || !(srs.get() instanceof SrsReversal.Reversed(String address))) {
                return r;
            }
            srsAddresses.metrics().reversed();
            int at = address.lastIndexOf('@');
            MailPath reversed = new MailPath(address.substring(0, at),
                    address.substring(at + 1).toLowerCase(java.util.Locale.ROOT), false);
            return new SmtpTransaction.Recipient(reversed, r.parameters());
        }).toList();
        return new SmtpTransaction(tx.from(), tx.parameters(), recipients);
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
