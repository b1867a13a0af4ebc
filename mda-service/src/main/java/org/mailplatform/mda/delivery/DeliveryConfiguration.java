package org.mailplatform.mda.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.mailplatform.mda.sieve.SieveFilter;
import org.mailplatform.message.MessageParser;
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
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

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
    DeliveryRecordListener deliveryRecordListener(DeliveryProcessor processor, DeadLetterPublisher deadLetters,
                                                  DeliveryMetrics metrics, MailTracing tracing) {
        return new DeliveryRecordListener(processor, deadLetters, metrics, tracing);
    }

    @Bean
    DeliveryBatchListener deliveryBatchListener(DeliveryProcessor processor, DeliveryRecordListener single,
                                                MailTracing tracing) {
        return new DeliveryBatchListener(processor, single, tracing);
    }

    @Bean
    @ConditionalOnProperty(prefix = "mailplatform.mda.delivery", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    ConcurrentMessageListenerContainer<byte[], byte[]> deliveryListenerContainer(
            DeliveryProperties properties, KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connectionDetails, DeliveryRecordListener listener,
            DeliveryBatchListener batchListener, DeadLetterPublisher deadLetters, DeliveryMetrics metrics,
            ObjectProvider<MeterRegistry> registry) {
        Map<String, Object> consumer = consumerProperties(properties, kafka, connectionDetails);
        ConcurrentMessageListenerContainer<byte[], byte[]> consumers = container(MailTopics.DELIVERY, properties,
                consumer, properties.batchSize() == 1 ? listener : batchListener,
                DeliveryErrorHandler.create(deadLetters, metrics), registry.getIfAvailable());
        consumers.setBeanName("deliveryListenerContainer");
        return consumers;
    }

    /**
     * A consumer of {@code topic} that hands records to {@code listener}, a record or a batch
     * listener. At-least-once either way: the offsets are committed after the listener returned,
     * i.e. after the store transaction committed and every follow-up record was acknowledged.
     */
    static ConcurrentMessageListenerContainer<byte[], byte[]> container(String topic, DeliveryProperties properties,
                                                                        Map<String, Object> consumer, Object listener,
                                                                        CommonErrorHandler errorHandler,
                                                                        MeterRegistry registry) {
        ContainerProperties container = new ContainerProperties(topic);
        container.setGroupId((String) consumer.get(ConsumerConfig.GROUP_ID_CONFIG));
        container.setAckMode(listener instanceof BatchMessageListener<?, ?>
                ? ContainerProperties.AckMode.BATCH : ContainerProperties.AckMode.RECORD);
        container.setMessageListener(listener);
        DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(consumer);
        // The Kafka client's own meters (kafka_consumer_*), among them the records-lag-max the lag alert reads.
        if (registry != null) {
            factory.addListener(new MicrometerConsumerListener<>(registry));
        }
        ConcurrentMessageListenerContainer<byte[], byte[]> consumers = new ConcurrentMessageListenerContainer<>(
                factory, container);
        consumers.setConcurrency(properties.concurrency());
        consumers.setCommonErrorHandler(errorHandler);
        return consumers;
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

    static Map<String, Object> consumerProperties(DeliveryProperties properties, KafkaProperties kafka,
                                                          ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        KafkaConnectionDetails details = connectionDetails.getIfAvailable();
        List<String> servers = details != null ? details.getConsumer().getBootstrapServers()
                : kafka.getBootstrapServers();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", servers));
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the oldest record: starting at the newest would lose queued mail.
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        if (!properties.batchMaxWait().isZero()) {
            consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) properties.batchMaxWait().toMillis());
            consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, properties.batchSize() * DeliveryProperties.BYTES_PER_RECORD);
        }
        // Bytes in, decoded by the listener: an unreadable value reaches it and goes to the dead-letter topic.
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return consumer;
    }
}
