package org.mailplatform.mda.delivery;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.mailplatform.mda.sieve.SieveFilter;
import org.mailplatform.message.MessageParser;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.ConsumerObserver;
import org.mailplatform.records.consume.MailConsumer;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.consume.MailConsumers;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.DeliveryReportPublisher;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.msgauth.srs.autoconfigure.SrsMetrics;
import org.mailplatform.msgauth.srs.autoconfigure.SrsProperties;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageIndexer;
import org.mailplatform.store.trace.MessageEventLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the consumer of {@code mail.delivery} and what it delivers with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
public class DeliveryConfiguration {

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry registry) {
        return new DeliveryMetrics(registry);
    }

    @Bean
    ForwardSender forwardSender(ObjectProvider<SenderRewriting> srs, SrsProperties srsProperties,
                                DomainRepository domains, SrsMetrics srsMetrics) {
        return new ForwardSender(srs.getIfAvailable(), domains::isLocal, srsProperties.domain(), srsMetrics);
    }

    @Bean
    DeliveryProcessor deliveryProcessor(DeliveryProperties properties, RecipientResolver resolver,
                                        MailboxRepository mailboxes, MailDelivery store,
                                        MailRecordPublisher mail, MailboxEventPublisher events,
                                        DeliveryReportPublisher reports, DeliveryMetrics metrics,
                                        ForwardSender forwardSender, Environment environment, MessageEventLog trace,
                                        SieveFilter sieve) {
        Clock clock = Clock.systemUTC();
        String reportingMta = properties.reportingMta() != null && !properties.reportingMta().isBlank()
                ? properties.reportingMta() : environment.getProperty("mailplatform.hostname", "localhost");
        DisabledAccounts disabledAccounts = DisabledAccounts.parse(
                environment.getProperty(DisabledAccounts.PROPERTY, "accept"));
        return new DeliveryProcessor(new RecipientRouter(resolver, disabledAccounts), new JunkMailboxes(mailboxes),
                new MessageIndexer(new MessageParser()), store,
                new OverQuotaPolicy(properties.overQuotaRetryWindow(), clock), new ReportAssembler(reportingMta),
                new FollowUps(mail, events, reports), forwardSender, metrics, clock,
                environment.getProperty("spring.application.name", "mda-service"), trace, sieve);
    }

    @Bean
    DeliveryRecordListener deliveryRecordListener(DeliveryProcessor processor, MailTracing tracing) {
        return new DeliveryRecordListener(processor, tracing);
    }

    @Bean
    DeliveryBatchListener deliveryBatchListener(DeliveryProcessor processor, DeliveryRecordListener single,
                                                MailTracing tracing) {
        return new DeliveryBatchListener(processor, single, tracing);
    }

    @Bean
    @ConditionalOnProperty(prefix = "mailplatform.mda.delivery", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    MailConsumers deliveryConsumers(DeliveryProperties properties, MailConsumerSettings settings,
                                    DeliveryRecordListener listener, DeliveryBatchListener batchListener,
                                    DeadLetterPublisher deadLetters, DeliveryMetrics metrics,
                                    ObjectProvider<MeterRegistry> registry) {
        BatchHandler<MailRecord> handler = properties.batchSize() == 1 ? BatchHandler.perRecord(listener)
                : batchListener;
        return MailConsumers.of(properties.concurrency(), i -> consumer("mda-delivery-" + i, MailTopics.DELIVERY,
                properties, settings, handler, deadLetters, metrics, registry.getIfUnique()));
    }

    /**
     * A consumer of {@code topic} in the delivery group that hands each poll to {@code handler}.
     * At-least-once: a record's offset is committed after the handler said it is done, i.e. after
     * the store transaction committed and every follow-up record was acknowledged. A record that
     * is not a mail record is parked on the dead-letter topic; one that fails is retried as
     * {@link DeliveryErrorHandler} says.
     */
    static MailConsumer<MailRecord> consumer(String name, String topic, DeliveryProperties properties,
                                             MailConsumerSettings settings, BatchHandler<MailRecord> handler,
                                             DeadLetterPublisher deadLetters, DeliveryMetrics metrics,
                                             MeterRegistry registry) {
        return MailConsumer.<MailRecord>group(name, topic, properties.groupId(), settings)
                .decoder(raw -> MailRecordCodec.decode(raw.value()))
                .handler(handler)
                .maxPollRecords(properties.batchSize())
                .fetchWait(properties.batchMaxWait(), properties.batchSize() * DeliveryProperties.BYTES_PER_RECORD)
                .retry(DeliveryErrorHandler.POLICY)
                .deadLetters(deadLetters)
                .observer(new ConsumerObserver() {
                    @Override
                    public void deadLettered(ConsumerRecord<byte[], byte[]> record, Exception cause,
                                             boolean unreadable) {
                        if (unreadable) {
                            metrics.undecodable();
                        } else {
                            metrics.deadLettered();
                        }
                    }
                })
                // The runtime's meters and the Kafka client's own (kafka_consumer_*), among them
                // the records-lag-max the lag alert reads.
                .meters(registry)
                .clientMeters(true)
                .build();
    }

    @Bean
    LedgerPruner deliveryLedgerPruner(DeliveryProperties properties, MailDelivery store, MailTopics topics) {
        Duration kept = topics.get(MailTopics.DELIVERY).retention();
        if (properties.ledgerRetention().compareTo(kept) <= 0) {
            throw new IllegalStateException("mailplatform.mda.delivery.ledger-retention (" + properties.ledgerRetention()
                    + ") must be longer than the retention of " + MailTopics.DELIVERY + " (" + kept
                    + "), or a redelivered record could be stored twice");
        }
        return new LedgerPruner(store, properties.ledgerRetention(), properties.ledgerPruneInterval(),
                Clock.systemUTC());
    }
}
