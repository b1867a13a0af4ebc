package org.mailplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void databaseIsARealPostgresqlOfItsOwn() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).startsWith("PostgreSQL");
            assertThat(rs.getString(1)).isNotEqualTo("postgres");
        }
        assertThat(TestDatabase.get()).isSameAs(db);
    }

    @Test
    void kafkaBrokerTakesAndReturnsARecord() throws Exception {
        String bootstrap = TestKafka.get().bootstrapServers();
        String topic = "probe-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            String got = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    got = records.iterator().next().value();
                }
            }
            assertThat(got).isEqualTo("hello");
        }
    }
}
