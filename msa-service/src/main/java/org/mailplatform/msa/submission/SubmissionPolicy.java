package org.mailplatform.msa.submission;

import java.time.Clock;

import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.smtp.MessageHandOff;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.Resolution;
import org.mailplatform.store.trace.MessageEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Submission rules (RFC 6409): only authenticated accounts send, only from addresses they own,
 * within their rate; the accepted message is completed (RFC 6409 8) and handed to
 * {@code mail.outbound}, and 250 is said only after Kafka acknowledged it.
 */
public final class SubmissionPolicy implements SmtpPolicy {

    private static final Logger log = LoggerFactory.getLogger(SubmissionPolicy.class);

    private final SenderOwnership ownership;
    private final SubmissionRateLimiter rateLimiter;
    private final RecipientRateLimiter recipientLimiter;
    private final SmtpServiceMetrics metrics;
    private final MessageHandOff handOff;
    private final RecipientResolver resolver;
    private final DisabledAccounts disabledAccounts;

    public SubmissionPolicy(String hostname, SenderOwnership ownership, SubmissionRateLimiter rateLimiter,
                            RecipientRateLimiter recipientLimiter, MailRecordPublisher publisher,
                            SmtpServiceMetrics metrics, Clock clock, RecipientResolver resolver,
                            DisabledAccounts disabledAccounts, MailTracing tracing, MessageEventLog events) {
        this.resolver = resolver;
        this.disabledAccounts = disabledAccounts;
        this.ownership = ownership;
        this.rateLimiter = rateLimiter;
        this.recipientLimiter = recipientLimiter;
        this.metrics = metrics;
        metrics.rateLimitScopes("account", "address", "recipients");
        // RFC 6409 8: submission may add Date and Message-ID; everything else stays as submitted.
        this.handOff = new MessageHandOff(hostname, MailTopics.OUTBOUND, publisher,
                (m, received, queueId, now) -> SubmissionMessage.complete(m, received, queueId, hostname, now), clock,
                tracing, events, "msa");
    }

    @Override
    public SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters) {
        if (!session.authenticated()) {
            return SmtpReply.of(530, "5.7.0", "Authentication required");
        }
        // RFC 6409 6.1: the submitter must be entitled to the sender address. A null sender is
        // for DSNs, which users' clients never send.
        if (from.isNull() || !ownership.owns(session.authenticatedUser(), from.address())) {
            return SmtpReply.of(553, "5.7.1", "Sender address " + from.bracketed() + " not owned by "
                    + session.authenticatedUser());
        }
        String address = session.clientAddress() == null || session.clientAddress().getAddress() == null
                ? null : session.clientAddress().getAddress().getHostAddress();
        switch (rateLimiter.tryAcquire(session.authenticatedUser(), address)) {
            case ACCOUNT_LIMIT -> {
                metrics.rateLimited("account");
                return SmtpReply.of(451, "4.7.1", "Sending rate limit exceeded for this account, try again later");
            }
            case ADDRESS_LIMIT -> {
                metrics.rateLimited("address");
                return SmtpReply.of(451, "4.7.1", "Sending rate limit exceeded for this address, try again later");
            }
            case ALLOWED -> {
                return null;
            }
        }
        return null;
    }

    /**
     * Submission relays to any address (RFC 6409 3.1), within the account's recipients per hour; syntax
     * was checked by the conversation. Over the limit the recipient gets 450 4.7.1: the client may try
     * it again later (RFC 5321 4.2.2, RFC 3463 3.8).
     */
    @Override
    public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient,
                                    RcptParameters parameters) {
        if (recipient.isBarePostmaster()) {
            return SmtpReply.of(550, "5.1.3", "Postmaster needs a domain on submission");
        }
        if (disabledAccounts == DisabledAccounts.REFUSE
                && resolver.resolve(recipient.address()) instanceof Resolution.Deliver deliver
                && disabledAccounts.refuses(deliver)) {
            metrics.rejected("mailbox_disabled");
            return SmtpReply.of(550, "5.2.1", "Recipient mailbox disabled, not accepting messages");
        }
        boolean allowed;
        try {
            allowed = recipientLimiter.tryAcquire(session.authenticatedUser());
        } catch (DataAccessException e) {
            log.warn("recipient count for {} not available: {}", session.authenticatedUser(), e.getMessage());
            return SmtpReply.of(451, "4.3.0", "Temporary failure, try again later");
        }
        if (!allowed) {
            metrics.rateLimited("recipients");
            return SmtpReply.of(450, "4.7.1", "Recipient rate limit exceeded for this account, try again later");
        }
        return null;
    }

    @Override
    public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        return handOff.publish(session, tx, message);
    }
}
