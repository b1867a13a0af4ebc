package org.mailplatform.imap.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.mailplatform.message.MessageParser;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.PublishObserver;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.delivery.DeliveryReport;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageIndexer;

/**
 * The benchmark's side of the mail flow: the accounts, and deliveries made the way the MDA makes
 * them (stored in one transaction per message, then one NEW_MESSAGE event per copy on
 * {@code mailbox.events}), so the gateway learns of them only through Kafka.
 */
final class BenchmarkMail implements AutoCloseable {

    static final String DOMAIN = "bench.test";
    /** Recipients per delivered message, as an MTA hands them over (RFC 5321 4.5.3.1.8: at least 100). */
    private static final int RECIPIENTS_PER_MESSAGE = 100;

    private final MailStore store;
    private final AcknowledgedSender sender;
    private final MailboxEventPublisher events;
    private final MessageIndexer indexer = new MessageIndexer(new MessageParser());

    BenchmarkMail(DataSource dataSource, String bootstrapServers) {
        this.store = MailStore.create(dataSource);
        this.sender = AcknowledgedSender.create(MailProducerSettings.forBootstrapServers(bootstrapServers),
                PublishObserver.NONE);
        this.events = new MailboxEventPublisher(sender);
    }

    /** {@code count} accounts u0 ... u(count-1) @bench.test, all with the given password hash. */
    List<Account> createAccounts(int count, String passwordHash) throws InterruptedException, ExecutionException {
        store.domains().create(DOMAIN);
        List<Future<Account>> created = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < count; i++) {
                EmailAddress address = new EmailAddress("u" + i, DOMAIN);
                created.add(pool.submit(() -> store.accounts().create(address, passwordHash, Account.UNLIMITED)));
            }
        }
        List<Account> accounts = new ArrayList<>(count);
        for (Future<Account> f : created) {
            accounts.add(f.get());
        }
        return accounts;
    }

    /**
     * One new message in the INBOX of each account, announced once stored; returns when Kafka has
     * every event, with the {@link System#nanoTime()} at which each account's copy was committed.
     */
    Map<String, Long> deliver(List<Account> recipients, String subject) throws InterruptedException, ExecutionException {
        Map<String, Long> stored = new HashMap<>();
        IncomingMessage message = indexer.index(("From: Benchmark <bench@remote.test>\r\nTo: all@" + DOMAIN
                + "\r\nSubject: " + subject + "\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@remote.test>\r\n"
                + "\r\nA message for everyone.\r\n").getBytes(StandardCharsets.US_ASCII));
        List<Future<?>> published = new ArrayList<>(recipients.size());
        try (ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < recipients.size(); from += RECIPIENTS_PER_MESSAGE) {
                List<Account> batch = recipients.subList(from, Math.min(recipients.size(), from + RECIPIENTS_PER_MESSAGE));
                List<DeliveryTarget> targets = batch.stream().map(a -> DeliveryTarget.inbox(a.id(),
                        ("Delivered-To: " + a.address() + "\r\n").getBytes(StandardCharsets.US_ASCII))).toList();
                DeliveryReport report = store.delivery().deliver(new DeliveryRequest(UUID.randomUUID().toString(), message,
                        Instant.now(), targets));
                long committed = System.nanoTime();
                for (int i = 0; i < batch.size(); i++) {
                    RecipientDelivery copy = report.recipients().get(i);
                    if (copy.status() != RecipientDelivery.Status.DELIVERED) {
                        throw new IllegalStateException("not delivered to " + batch.get(i).address() + ": " + copy.status());
                    }
                    MailboxEvent event = MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, batch.get(i).address().toString(),
                            copy.mailboxId(), copy.uidValidity(), List.of(copy.uid()), copy.modseq(), "benchmark-mda");
                    published.add(publishers.submit(() -> events.publish(event)));
                    stored.put(event.account(), committed);
                }
            }
            for (Future<?> f : published) {
                f.get();
            }
        }
        return stored;
    }

    @Override
    public void close() {
        sender.close();
    }
}
