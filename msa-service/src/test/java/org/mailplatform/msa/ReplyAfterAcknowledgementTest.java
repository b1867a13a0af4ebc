package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE_PASSWORD;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msa.MsaTestSupport.RawSmtp;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The window in which a lost reply makes a second copy (RFC 5321 6.1): from the broker's
 * acknowledgement of a submitted message to its 250 reaching the client. Concurrent clients submit
 * a burst over STARTTLS + AUTH; every 250 must come after the acknowledgement of its queue id (the
 * reply is the MSA's promise), and the window's distribution is printed and written to
 * {@code target/reliability/msa-reply-after-ack.txt}.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submission.tls=STARTTLS",
        "mailplatform.msa.listeners.submissions.port=-1",
        "mailplatform.msa.listeners.submission-alt.port=-1",
        "mailplatform.msa.bind-address=127.0.0.1",
        "mailplatform.msa.rate-limit.per-account-per-minute=0",
        "mailplatform.msa.rate-limit.per-address-per-minute=0",
        "mailplatform.msa.rate-limit.recipients-per-account-per-hour=0",
        "spring.kafka.producer.properties.interceptor.classes=org.mailplatform.msa.AcknowledgementTimes",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class ReplyAfterAcknowledgementTest {

    private static final int CLIENTS = Integer.getInteger("msa.burst.clients", 8);
    private static final int MESSAGES_PER_CLIENT = Integer.getInteger("msa.burst.messages", 40);
    private static final Pattern QUEUED_AS = Pattern.compile("^250 2\\.0\\.0 Ok: queued as (\\S+)$");

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;

    @Test
    void every250FollowsTheAcknowledgementAndTheWindowIsMeasured() throws Exception {
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
        Map<String, Long> repliedAt = new ConcurrentHashMap<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    submit(client, repliedAt);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        Map<String, Long> acknowledgedAt = acknowledgementsByQueueId();

        List<Long> windows = new ArrayList<>();
        List<Long> publishes = new ArrayList<>();
        List<String> before = new ArrayList<>();
        repliedAt.forEach((queueId, replied) -> {
            Long acked = acknowledgedAt.get(queueId);
            assertThat(acked).as("acknowledgement of " + queueId).isNotNull();
            if (replied <= acked) {
                before.add(queueId);
            }
            windows.add(replied - acked);
            publishes.add(acked - AcknowledgementTimes.SENT.get(queueId));
        });
        String report = String.format("MSA burst: %d clients x %d messages over STARTTLS + AUTH%n"
                        + "  acknowledgement -> 250 at the client: %s%n"
                        + "  publish -> acknowledgement:           %s%n",
                CLIENTS, MESSAGES_PER_CLIENT, distribution(windows), distribution(publishes));
        System.out.print(report);
        Path file = Path.of("target", "reliability", "msa-reply-after-ack.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);

        assertThat(repliedAt).hasSize(CLIENTS * MESSAGES_PER_CLIENT);
        assertThat(before).as("250 replies that reached the client before Kafka acknowledged the message").isEmpty();
    }

    private void submit(int client, Map<String, Long> repliedAt) throws Exception {
        try (RawSmtp smtp = new RawSmtp(server.boundPort("submission"))) {
            assertThat(smtp.login(ALICE, ALICE_PASSWORD)).startsWith("235");
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                assertThat(smtp.send("MAIL FROM:<" + ALICE + ">\r\n")).startsWith("250");
                assertThat(smtp.send("RCPT TO:<bob@remote.test>\r\n")).startsWith("250");
                assertThat(smtp.send("DATA\r\n")).startsWith("354");
                String reply = smtp.send("From: " + ALICE + "\r\nTo: bob@remote.test\r\nSubject: burst " + client + "-" + i
                        + "\r\n\r\nbody " + client + "-" + i + "\r\n.\r\n");
                long now = System.nanoTime();
                Matcher queued = QUEUED_AS.matcher(reply);
                assertThat(queued.matches()).as(reply).isTrue();
                repliedAt.put(queued.group(1), now);
            }
            smtp.send("QUIT\r\n");
        }
    }

    /** queue id → when its record's acknowledgement arrived, by reading the keys of the acknowledged offsets. */
    private static Map<String, Long> acknowledgementsByQueueId() {
        Map<String, Long> byQueueId = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(MailTopics.OUTBOUND, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Long acked = AcknowledgementTimes.ACKNOWLEDGED.get(new AcknowledgementTimes.Position(
                            new TopicPartition(r.topic(), r.partition()), r.offset()));
                    if (acked != null && r.key() != null) {
                        byQueueId.put(new String(r.key(), StandardCharsets.UTF_8), acked);
                    }
                }
            }
        }
        return byQueueId;
    }

    private static String distribution(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", percentile(sorted, 0.50),
                percentile(sorted, 0.90), percentile(sorted, 0.99), sorted.getLast() / 1e6, sorted.size());
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
