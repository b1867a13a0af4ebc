package org.mailplatform.mta.outbound.tlsrpt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.mailplatform.mta.outbound.https.HttpsClient;
import org.mailplatform.mta.outbound.https.HttpsResponse;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.transport.TlsReportRepository;
import org.mailplatform.store.transport.TlsSessionCount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily aggregate reports (RFC 8460 4 and 5): for each policy domain with counts on a
 * day, to every mailto: and https: address of its {@code _smtp._tls} record. Mail goes the way the
 * MTA's DSNs go, through {@code mail.outbound} (or {@code mail.delivery} for a local address);
 * https: is a POST of application/tlsrpt+gzip (RFC 8460 5.4). A replica claims a day's report of a
 * domain before sending it, so replicas do not send it twice; a report that reached none of its
 * addresses is released for the next run.
 *
 * <p>Meter: {@code mail.mta.tlsrpt.reports} (counter, tag {@code outcome}: sent, failed) reports per address.
 */
public final class TlsReportSender {

    private static final Logger log = LoggerFactory.getLogger(TlsReportSender.class);
    /** Counts of days older than this that could not be reported are dropped. */
    private static final int KEEP_DAYS = 7;
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final TlsReportRepository repository;
    private final DnsLookup dns;
    private final MailRecordPublisher publisher;
    private final Predicate<String> localDomain;
    private final HttpsClient https;
    private final TlsRptProperties settings;
    private final String submitter;
    private final MeterRegistry registry;
    private final Clock clock;

    public TlsReportSender(TlsReportRepository repository, DnsLookup dns, MailRecordPublisher publisher,
                           Predicate<String> localDomain, HttpsClient https, TlsRptProperties settings, String hostname,
                           MeterRegistry registry, Clock clock) {
        this.repository = repository;
        this.dns = dns;
        this.publisher = publisher;
        this.localDomain = localDomain;
        this.https = https;
        this.settings = settings;
        this.submitter = settings.submitter().isBlank() ? hostname : settings.submitter();
        this.registry = registry;
        this.clock = clock;
        for (String outcome : new String[] {"sent", "failed"}) {
            reports(outcome);
        }
    }

    /** Reports every finished UTC day not reported yet, and forgets what is too old to report. */
    public void sendFinishedDays() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (LocalDate day : repository.daysWithCounts(today)) {
            send(day);
        }
        repository.forgetDaysBefore(today.minusDays(KEEP_DAYS));
    }

    /**
     * Reports one day now, finished or not (operators and tests may ask for it).
     *
     * @return the number of domains whose report reached at least one address
     */
    public int send(LocalDate day) {
        int sent = 0;
        for (String domain : repository.domains(day)) {
            try {
                sent += sendDomain(day, domain) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("TLS report of {} for {} not sent", day, domain, e);
            }
        }
        return sent;
    }

    private boolean sendDomain(LocalDate day, String domain) {
        DnsAnswer answer = dns.query("_smtp._tls." + domain, DnsLookup.RecordType.TXT);
        if (answer instanceof DnsAnswer.Failure(String reason)) {
            log.info("TLS report of {} for {} waits: {}", day, domain, reason);
            return false;
        }
        Optional<TlsRptRecord> record = TlsRptRecord.fromTxt(answer.valuesOrEmpty());
        if (record.isEmpty()) {
            // The domain takes no reports (RFC 8460 3).
            repository.forget(day, domain);
            return false;
        }
        String reportId = day + "T00:00:00Z_" + domain + "_" + UUID.randomUUID();
        if (!repository.claim(day, domain, reportId)) {
            return false;
        }
        List<TlsSessionCount> counts = repository.counts(day, domain);
        byte[] report = gzip(TlsReportJson.write(settings.organizationName().isBlank() ? submitter : settings.organizationName(),
                contact(), reportId, day, counts));
        boolean delivered = false;
        for (URI address : record.get().rua()) {
            boolean ok = address.getScheme().equalsIgnoreCase("mailto")
                    ? mail(TlsRptRecord.mailbox(address), domain, reportId, day, report)
                    : post(address, domain, report);
            reports(ok ? "sent" : "failed").increment();
            delivered |= ok;
        }
        if (delivered) {
            repository.forget(day, domain);
        } else {
            repository.release(day, domain);
        }
        return delivered;
    }

    private boolean mail(String to, String domain, String reportId, LocalDate day, byte[] report) {
        Instant now = clock.instant();
        String from = from();
        byte[] message = TlsReportMessage.write(from, to, submitter, domain, reportId, day, report, now);
        String queueId = QueueIds.next();
        MailEnvelope envelope = MailEnvelope.builder()
                .queueId(queueId)
                .traceId(queueId)
                .mailFrom(from)
                .recipient(Recipient.of(to))
                .bodyType(BodyType.SEVEN_BIT)
                .receivedAt(now)
                .build();
        String topic = localDomain.test(to.substring(to.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT))
                ? MailTopics.DELIVERY : MailTopics.OUTBOUND;
        try {
            publisher.publish(topic, new MailRecord(envelope, message));
            log.info("TLS report {} of {} for {} queued as {} to <{}>", reportId, day, domain, queueId, to);
            return true;
        } catch (PublishException e) {
            log.warn("TLS report {} to <{}> not queued: {}", reportId, to, e.getMessage());
            return false;
        }
    }

    private boolean post(URI address, String domain, byte[] report) {
        String path = address.getRawPath() == null || address.getRawPath().isEmpty() ? "/" : address.getRawPath();
        if (address.getRawQuery() != null) {
            path += "?" + address.getRawQuery();
        }
        try {
            HttpsResponse response = https.exchange("POST", address.getHost(), address.getPort() < 0 ? 443 : address.getPort(),
                    path, "application/tlsrpt+gzip", report, MAX_RESPONSE_BYTES);
            boolean ok = response.status() / 100 == 2;
            log.info("TLS report of {} posted to {}: HTTP {}", domain, address, response.status());
            return ok;
        } catch (IOException | RuntimeException e) {
            log.warn("TLS report of {} not posted to {}: {}", domain, address, e.toString());
            return false;
        }
    }

    private String from() {
        return settings.from().isBlank() ? "postmaster@" + submitter : settings.from();
    }

    private String contact() {
        return settings.contactInfo().isBlank() ? from() : settings.contactInfo();
    }

    private Counter reports(String outcome) {
        return Counter.builder("mail.mta.tlsrpt.reports").description("TLS reports by outcome, per address")
                .tag("outcome", outcome).register(registry);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
