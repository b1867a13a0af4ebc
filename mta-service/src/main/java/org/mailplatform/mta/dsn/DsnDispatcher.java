package org.mailplatform.mta.dsn;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.mailplatform.mta.client.WireData;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a DSN to the original sender from the null sender {@code <>} (RFC 3464 2, RFC 5321 4.5.5):
 * to {@code mail.delivery} when the sender's domain is local, else to {@code mail.outbound}, from
 * where it is relayed like any other mail. Returns only once Kafka acknowledged it. A sender that
 * the MDA rewrote with SRS when it forwarded the message is reversed first, so the notice about a
 * failed forward reaches the original sender.
 */
public final class DsnDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DsnDispatcher.class);

    private final DsnMessageWriter writer;
    private final Predicate<String> localDomain;
    private final MailRecordPublisher publisher;
    private final Clock clock;
    private final DsnListener listener;
    private final UnaryOperator<String> returnPath;

    public DsnDispatcher(DsnMessageWriter writer, Predicate<String> localDomain, MailRecordPublisher publisher,
                         Clock clock, DsnListener listener) {
        this(writer, localDomain, publisher, clock, listener, UnaryOperator.identity());
    }

    /** @param returnPath where a notice to an envelope sender goes (the address an SRS sender stands for) */
    public DsnDispatcher(DsnMessageWriter writer, Predicate<String> localDomain, MailRecordPublisher publisher,
                         Clock clock, DsnListener listener, UnaryOperator<String> returnPath) {
        this.returnPath = returnPath;
        this.writer = writer;
        this.localDomain = localDomain;
        this.publisher = publisher;
        this.clock = clock;
        this.listener = listener == null ? DsnListener.NONE : listener;
    }

    /**
     * @return false when nothing was sent because the original came from the null sender
     * @throws PublishException when Kafka did not take the DSN; the caller must not consider the
     *                          failure reported
     */
    public boolean dispatch(DeliveryStatusNotice notice) throws PublishException {
        if (notice.originalSender().isEmpty()) {
            // RFC 5321 4.5.5 / RFC 3461 6.1: never a DSN about a message from <>, so DSNs cannot loop.
            return false;
        }
        Instant now = clock.instant();
        byte[] message = writer.write(notice, now);
        String to = returnPath.apply(notice.originalSender());
        boolean utf8 = !WireData.sevenBitClean(to.getBytes(StandardCharsets.UTF_8)) || notice.smtpUtf8();
        MailEnvelope envelope = MailEnvelope.builder()
                .queueId(notice.dsnQueueId())
                .mailFrom(MailEnvelope.NULL_SENDER)
                .recipient(Recipient.of(to))
                .bodyType(WireData.sevenBitClean(message) ? BodyType.SEVEN_BIT : BodyType.EIGHT_BIT_MIME)
                .smtpUtf8(utf8)
                .receivedAt(now)
                .traceId(notice.traceId())
                .build();
        boolean local = localDomain.test(domainOf(to));
        String topic = local ? MailTopics.DELIVERY : MailTopics.OUTBOUND;
        publisher.publish(topic, new MailRecord(envelope, message));
        listener.sent(notice);
        log.info("DSN {} about {} to <{}> via {}: {}", notice.dsnQueueId(), notice.originalQueueId(),
                to, topic, notice.recipients().stream()
                        .map(r -> r.address() + "=" + r.action().keyword() + "/" + r.status()).toList());
        return true;
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
