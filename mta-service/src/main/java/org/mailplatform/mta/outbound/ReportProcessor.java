package org.mailplatform.mta.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.mailplatform.mta.client.WireData;
import org.mailplatform.mta.dsn.DeliveryStatusNotice;
import org.mailplatform.mta.dsn.DsnAction;
import org.mailplatform.mta.dsn.DsnDispatcher;
import org.mailplatform.mta.dsn.DsnProperties;
import org.mailplatform.mta.dsn.DsnQueueIds;
import org.mailplatform.mta.dsn.DsnRecipient;
import org.mailplatform.mta.dsn.ReturnedContent;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientReport;
import org.mailplatform.records.RecipientState;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.RetryTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the MDA's delivery reports into DSNs (failures; successes where NOTIFY=SUCCESS asked for
 * them) and into local retries for temporary failures (a full mailbox, 4.2.2), which go back to
 * {@code mail.delivery} through the retry topics until the message expires.
 */
public final class ReportProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReportProcessor.class);

    private final DsnDispatcher dsn;
    private final RetryPublisher retries;
    private final RetrySchedule schedule;
    private final DsnProperties dsnProperties;
    private final Clock clock;

    public ReportProcessor(DsnDispatcher dsn, RetryPublisher retries, RetrySchedule schedule,
                           DsnProperties dsnProperties, Clock clock) {
        this.dsn = dsn;
        this.retries = retries;
        this.schedule = schedule;
        this.dsnProperties = dsnProperties;
        this.clock = clock;
    }

    public void process(DeliveryReport report) throws PublishException {
        Instant now = clock.instant();
        Instant expiresAt = schedule.expiresAt(report.receivedAt());
        List<DsnRecipient> notices = new ArrayList<>();
        List<Recipient> retry = new ArrayList<>();
        for (RecipientReport r : report.recipients()) {
            if (r.success()) {
                if (r.dsnNotify().contains(DsnNotify.SUCCESS)) {
                    notices.add(notice(r, DsnAction.DELIVERED, r.status(), r.diagnostic(), report));
                }
            } else if (r.permanent()) {
                if (wantsFailure(r)) {
                    notices.add(notice(r, DsnAction.FAILED, r.status(), r.diagnostic(), report));
                }
            } else if (!now.isBefore(expiresAt)) {
                if (wantsFailure(r)) {
                    notices.add(notice(r, DsnAction.FAILED, "4.4.7", "delivery time expired after "
                            + schedule.maxLifetime() + (r.diagnostic() == null ? "" : "; last error: " + r.diagnostic()), report));
                }
            } else {
                retry.add(new Recipient(r.address(), r.dsnNotify(), r.originalRecipient(), RecipientState.PENDING,
                        r.status(), r.diagnostic()));
            }
        }
        if (!notices.isEmpty() && !report.isNullSender()) {
            boolean failure = notices.stream().anyMatch(n -> n.action() == DsnAction.FAILED);
            byte[] content = report.returnedContent();
            ReturnedContent returned = ReturnedContent.choose(content, report.dsnReturn(), bodyType(content), failure,
                    dsnProperties);
            dsn.dispatch(new DeliveryStatusNotice(DsnQueueIds.forReport(report.queueId(), key(report)),
                    report.queueId(), report.mailFrom(), report.envelopeId(), report.receivedAt(), report.traceId(),
                    !isAscii(report.mailFrom()) || report.recipients().stream().anyMatch(r -> !isAscii(r.address())),
                    notices, returned.content(), returned.fullMessage()));
        }
        if (!retry.isEmpty()) {
            scheduleRetry(report, retry, now, expiresAt);
        }
    }

    /**
     * The report carries no attempt count; the tier follows from the message's age, so a full
     * mailbox is retried ever less often, as remote mail is.
     */
    private void scheduleRetry(DeliveryReport report, List<Recipient> retry, Instant now, Instant expiresAt)
            throws PublishException {
        byte[] content = report.returnedContent();
        RetryTier tier = schedule.tierForAge(Duration.between(report.receivedAt(), now));
        MailEnvelope envelope = MailEnvelope.builder()
                .queueId(report.queueId())
                .mailFrom(report.mailFrom())
                .recipients(retry)
                .dsnReturn(report.dsnReturn())
                .envelopeId(report.envelopeId())
                .bodyType(bodyType(content))
                .smtpUtf8(!isAscii(report.mailFrom()) || retry.stream().anyMatch(r -> !isAscii(r.address())))
                .receivedAt(report.receivedAt())
                .traceId(report.traceId())
                .nextAttemptAt(schedule.nextAttempt(now, tier, expiresAt))
                .build();
        retries.publish(tier, new MailRecord(envelope, content), false);
        log.info("{}: local delivery to {} deferred ({}), next try via {}", report.queueId(),
                retry.stream().map(Recipient::address).toList(), retry.getFirst().lastStatus(), tier.topic());
    }

    private static DsnRecipient notice(RecipientReport r, DsnAction action, String status, String diagnostic,
                                       DeliveryReport report) {
        return new DsnRecipient(r.address(), r.originalRecipient(), action, status, null, diagnostic,
                report.reportedAt(), null);
    }

    /** RFC 3461 4.1: failure notices unless NOTIFY was given without FAILURE. */
    private static boolean wantsFailure(RecipientReport r) {
        return r.dsnNotify().isEmpty() || r.dsnNotify().contains(DsnNotify.FAILURE);
    }

    /** Names the report's outcomes, not its time: a replayed or repeated report gives the same DSN id. */
    private static String key(DeliveryReport report) {
        return report.recipients().stream()
                .sorted(Comparator.comparing(RecipientReport::address))
                .map(r -> r.address() + "=" + r.status())
                .collect(Collectors.joining(","));
    }

    private static BodyType bodyType(byte[] content) {
        return WireData.sevenBitClean(content) ? BodyType.SEVEN_BIT : BodyType.EIGHT_BIT_MIME;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
