package org.mailplatform.smtp;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.function.UnaryOperator;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.store.trace.MessageEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands an accepted message to Kafka: gives it a queue id, prepends the Received field (RFC 5321
 * 4.4), lets the service finish the bytes, and publishes. The positive reply is only returned
 * once the broker acknowledged the record (RFC 5321 6.1: the server takes responsibility for the
 * message at 250); a failed or timed-out publish gives 451 4.3.0 and the client keeps the message.
 * With tracing on, the transaction is the first span of the message's trace ({@value #SPAN_NAME}),
 * from MAIL to Kafka's acknowledgement, and the record carries its context.
 */
public final class MessageHandOff {

    private static final Logger log = LoggerFactory.getLogger(MessageHandOff.class);

    public static final String SPAN_NAME = "smtp.receive";

    /** What the service does to the bytes before they are stored, e.g. add Date/Message-ID on submission. */
    @FunctionalInterface
    public interface Completion {
        byte[] complete(byte[] message, byte[] received, String queueId, ZonedDateTime now);

        /** The Received field on top, the client's bytes unchanged below it. */
        Completion RECEIVED_ONLY = (message, received, queueId, now) -> {
            byte[] out = new byte[received.length + message.length];
            System.arraycopy(received, 0, out, 0, received.length);
            System.arraycopy(message, 0, out, received.length, message.length);
            return out;
        };
    }

    private final String hostname;
    private final String topic;
    private final MailRecordPublisher publisher;
    private final Completion completion;
    private final Clock clock;
    private final MailTracing tracing;
    private final MessageEventLog events;
    private final String service;

    public MessageHandOff(String hostname, String topic, MailRecordPublisher publisher, Completion completion, Clock clock) {
        this(hostname, topic, publisher, completion, clock, MailTracing.OFF, MessageEventLog.NONE, "");
    }

    /**
     * @param tracing where the acceptance's span goes
     * @param events  where the acceptance is traced for the message trace API
     * @param service the service named in that trace, e.g. {@code msa}
     */
    public MessageHandOff(String hostname, String topic, MailRecordPublisher publisher, Completion completion, Clock clock,
                          MailTracing tracing, MessageEventLog events, String service) {
        this.hostname = hostname;
        this.topic = topic;
        this.publisher = publisher;
        this.completion = completion;
        this.clock = clock;
        this.tracing = tracing;
        this.events = events;
        this.service = service;
    }

    public SmtpReply publish(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        return publish(session, tx, message, UnaryOperator.identity());
    }

    /**
     * @param envelopeChange what the service's checks add to the envelope before it is published,
     *                       e.g. a request to file the message as junk
     */
    public SmtpReply publish(SmtpSessionInfo session, SmtpTransaction tx, byte[] message,
                             UnaryOperator<MailEnvelope> envelopeChange) {
        String queueId = QueueIds.next();
        MDC.put("queueId", queueId);
        MDC.put("traceId", queueId);
        MailSpan span = tracing.receive(SPAN_NAME, tx.startedAt()).tag(MailSpan.QUEUE_ID, queueId)
                .tag("mail.topic", topic).tag("mail.recipients", String.valueOf(tx.recipients().size()));
        try (MailSpan.MailScope scope = span.inScope()) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            byte[] received = ReceivedField.build(hostname, session, tx, queueId, now);
            byte[] stored = completion.complete(message, received, queueId, now);
            span.tagMessageId(stored);
            MailEnvelope envelope = envelopeChange.apply(EnvelopeMapper.toEnvelope(queueId, session, tx, now.toInstant()));
            publisher.publish(topic, new MailRecord(envelope, stored));
            log.info("accepted from={} rcpts={} size={} user={} client={}", tx.from().bracketed(), tx.recipients().size(),
                    stored.length, session.authenticatedUser(), envelope.clientAddress());
            events.record(AcceptedEvents.of(service, session, envelope, stored));
            return SmtpReply.of(250, "2.0.0", "Ok: queued as " + queueId);
        } catch (PublishException e) {
            span.error(e);
            log.warn("{} did not acknowledge: {}", topic, e.getMessage());
            return SmtpReply.of(451, "4.3.0", "Temporary failure storing the message, try again later");
        } finally {
            span.end();
            MDC.remove("queueId");
            MDC.remove("traceId");
        }
    }
}
