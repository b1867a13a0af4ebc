package org.mailplatform.testsupport;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, shared by every test class in it: a Testcontainers broker
 * with Docker, otherwise an in-process KRaft broker. Topics are created by the code under test
 * (the platform declares its own topics), so the broker starts empty.
 */
public final class TestKafka {

    /** Large enough for the platform's biggest record (25 MiB message plus envelope). */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private static volatile TestKafka instance;

    private final String bootstrapServers;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static TestKafka get() {
        TestKafka k = instance;
        if (k == null) {
            synchronized (TestKafka.class) {
                k = instance;
                if (k == null) {
                    k = TestDatabase.DockerSupport.dockerAvailable() ? startContainer() : startInProcess();
                    instance = k;
                }
            }
        }
        return k;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @SuppressWarnings("resource")
    private static TestKafka startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(MAX_MESSAGE_BYTES));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
        return new TestKafka(container.getBootstrapServers());
    }

    private static TestKafka startInProcess() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES),
                "replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES),
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "test-kafka-stop"));
        return new TestKafka(broker.getBrokersAsString());
    }
}
