package org.mailplatform.msa.submission;

import java.time.Clock;
import java.time.ZonedDateTime;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.smtp.EnvelopeMapper;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.ReceivedField;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Submission rules (RFC 6409): only authenticated accounts send, only from addresses they own,
 * within their rate; the accepted message is completed (RFC 6409 8) and handed to
 * {@code mail.outbound}, and 250 is said only after Kafka acknowledged it.
 */
public final class SubmissionPolicy implements SmtpPolicy {

    private static final Logger log = LoggerFactory.getLogger(SubmissionPolicy.class);

    private final String hostname;
    private final SenderOwnership ownership;
    private final SubmissionRateLimiter rateLimiter;
    private final MailRecordPublisher publisher;
    private final SubmissionMetrics metrics;
    private final Clock clock;

    public SubmissionPolicy(String hostname, SenderOwnership ownership, SubmissionRateLimiter rateLimiter,
                            MailRecordPublisher publisher, SubmissionMetrics metrics, Clock clock) {
        this.hostname = hostname;
        this.ownership = ownership;
        this.rateLimiter = rateLimiter;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
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

    /** Submission relays to any address (RFC 6409 3.1); syntax was checked by the conversation. */
    @Override
    public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient,
                                    RcptParameters parameters) {
        if (recipient.isBarePostmaster()) {
            return SmtpReply.of(550, "5.1.3", "Postmaster needs a domain on submission");
        }
        return null;
    }

    @Override
    public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        String queueId = QueueIds.next();
        MDC.put("queueId", queueId);
        MDC.put("traceId", queueId);
        try {
            ZonedDateTime now = ZonedDateTime.now(clock);
            byte[] received = ReceivedField.build(hostname, session, tx, queueId, now);
            byte[] completed = SubmissionMessage.complete(message, received, queueId, hostname, now);
            MailEnvelope envelope = EnvelopeMapper.toEnvelope(queueId, session, tx, now.toInstant());
            publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope, completed));
            log.info("accepted from={} rcpts={} size={} user={}", tx.from().bracketed(), tx.recipients().size(),
                    completed.length, session.authenticatedUser());
            return SmtpReply.of(250, "2.0.0", "Ok: queued as " + queueId);
        } catch (PublishException e) {
            // The 250 is a promise kept by Kafka's acknowledgement; without it the client keeps the message.
            log.warn("mail.outbound did not acknowledge: {}", e.getMessage());
            return SmtpReply.of(451, "4.3.0", "Temporary failure storing the message, try again later");
        } finally {
            MDC.remove("queueId");
            MDC.remove("traceId");
        }
    }
}
