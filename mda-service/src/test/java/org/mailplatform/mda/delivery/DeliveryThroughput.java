package org.mailplatform.mda.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.mda.MdaApplication;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.mailplatform.records.consume.MailConsumers;

/**
 * How fast the MDA drains {@code mail.delivery} into mailboxes, per-message path against batched
 * path in one run, with the real broker and database of the tests. For each mode the MDA is
 * started and its consumer paused once it has every partition of the topic, {@code N} records (one
 * recipient each, spread over a few accounts) are published, and the time from resuming the
 * consumer until the last copy is in the database is measured.
 *
 * <pre>
 * java -cp ... org.mailplatform.mda.delivery.DeliveryThroughput [messages] [modes: per-message,batched]
 *     [--size=BYTES (e.g. 102400 or 100k; default: a short text message)] [--content=mime|smtp-source]
 *     [--accounts=N (default 20)]
 * </pre>
 * With {@code --size}, each message is about that many octets: {@code mime} (the default) is a
 * multipart/mixed message as mail clients send it, a text/plain part and its text/html alternative
 * (quoted-printable prose) and a base64 attachment of a third of the size; {@code smtp-source} is
 * what Postfix's {@code smtp-source -l} sends and {@code bench/run.sh} measures, lines of 80
 * characters under a few header fields.
 * {@code scripts/mda-delivery-throughput.sh} builds the class path and runs it.
 */
public final class DeliveryThroughput {

    private static final int PUBLISHERS = 8;
    private static final int PARTITIONS = 6;

    private DeliveryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        int size = 0;
        int accountCount = 20;
        String content = "mime";
        for (String arg : args) {
            if (arg.startsWith("--size=")) {
                size = BenchMessages.parseSize(arg.substring("--size=".length()));
            } else if (arg.startsWith("--content=")) {
                content = arg.substring("--content=".length());
            } else if (arg.startsWith("--accounts=")) {
                accountCount = Integer.parseInt(arg.substring("--accounts=".length()));
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else if (!arg.isEmpty()) {
                positional.add(arg);
            }
        }
        int messages = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 3000;
        List<String> modes = List.of((positional.size() > 1 ? positional.get(1) : "per-message,batched").split(","));
        Workload workload = new Workload(messages, size, content, accountCount);
        List<String> lines = new ArrayList<>();
        for (String mode : modes) {
            int batchSize = switch (mode) {
                case "per-message" -> 1;
                case "batched" -> 200;
                default -> throw new IllegalArgumentException("mode per-message or batched: " + mode);
            };
            double rate = run(workload, batchSize);
            lines.add(String.format(Locale.ROOT, "%-12s batch-size %3d  %6d messages of %s to %d accounts  %8.1f messages/s"
                            + "  %6.2f MB/s", mode, batchSize, messages, workload.describe(), accountCount, rate,
                    rate * workload.averageBytes() / 1e6));
        }
        System.out.println();
        System.out.println("MDA delivery throughput (mail.delivery -> PostgreSQL mailboxes)");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** What is published: how many messages, how large and of what kind, to how many accounts. */
    private record Workload(int messages, int size, String content, int accounts) {

        Workload {
            if (size > 0 && !content.equals("mime") && !content.equals("smtp-source")) {
                throw new IllegalArgumentException("--content is mime or smtp-source: " + content);
            }
        }

        byte[] message(String subject) {
            if (size == 0) {
                return MailFixture.message(subject);
            }
            return content.equals("mime") ? BenchMessages.mime(subject, size) : BenchMessages.smtpSource(subject, size);
        }

        String describe() {
            return size == 0 ? "short text" : size / 1024 + " KiB " + content;
        }

        long averageBytes() {
            return message("size").length;
        }
    }

    private static double run(Workload workload, int batchSize) throws Exception {
        int messages = workload.messages();
        try (ConfigurableApplicationContext mda = new SpringApplicationBuilder(MdaApplication.class)
                .initializers(new TestInfrastructure())
                // Arguments, since they rank above application.yml.
                .run("--spring.flyway.enabled=true",
                        "--server.port=0",
                        "--mailplatform.auth.argon2.memory-kib=1024",
                        "--mailplatform.auth.argon2.iterations=1",
                        "--logging.level.org.mailplatform=WARN",
                                                "--logging.level.org.springframework.kafka=WARN",
                        "--logging.level.kafka=WARN",
                        "--logging.level.org.apache.kafka=WARN",
                        "--mailplatform.mda.delivery.batch-size=" + batchSize)) {
            MailConsumers consumer = mda.getBean("deliveryConsumers", MailConsumers.class);
            // Paused, not stopped: the consumers keep their partitions, so the clock below runs
            // from resume() without a group rebalance in it.
            Awaitility.await().atMost(Duration.ofMinutes(2))
                    .until(() -> consumer.assignedPartitions() == PARTITIONS);
            consumer.pause();
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(consumer::isPaused);
            MailFixture fixture = new MailFixture(mda.getBean(DomainRepository.class), mda.getBean(AccountManager.class),
                    mda.getBean(AliasRepository.class), mda.getBean(MailboxRepository.class),
                    mda.getBean(MessageRepository.class), mda.getBean(DataSource.class));
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < workload.accounts(); i++) {
                accounts.add(fixture.account("user" + i));
            }
            publish(mda.getBean(MailRecordPublisher.class), accounts, workload);
            JdbcClient jdbc = fixture.jdbc();
            long[] ids = accounts.stream().mapToLong(Account::id).toArray();

            long start = System.nanoTime();
            consumer.resume();
            long firstAt = 0;
            long stored;
            do {
                Thread.sleep(20);
                stored = jdbc.sql("""
                                SELECT count(*) FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
                                 WHERE b.account_id = ANY(:accounts)
                                """)
                        .param("accounts", ids)
                        .query(Long.class)
                        .single();
                if (firstAt == 0 && stored > 0) {
                    firstAt = System.nanoTime();
                }
                if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("only " + stored + " of " + messages + " stored after 10 minutes");
                }
            } while (stored < messages);
            long end = System.nanoTime();
            double seconds = (end - start) / 1e9;
            // The window in wall-clock time, to pick this mode's samples out of a flight recording.
            System.out.printf(Locale.ROOT,
                    "batch-size %d: %d stored in %.2f s from resume (%.2f s from the first), %s to %s%n",
                    batchSize, messages, seconds, (end - firstAt) / 1e9,
                    Instant.now().minusNanos(System.nanoTime() - start), Instant.now());
            return messages / seconds;
        }
    }

    /** Publishes from a few threads, each waiting for its acknowledgements as the MSA and MTA do. */
    private static void publish(MailRecordPublisher publisher, List<Account> accounts, Workload workload)
            throws Exception {
        int messages = workload.messages();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < PUBLISHERS; t++) {
                int first = t;
                sent.add(pool.submit(() -> {
                    for (int i = first; i < messages; i += PUBLISHERS) {
                        Account to = accounts.get(i % accounts.size());
                        MailRecord record = MailFixture.record(MailFixture.SENDER, List.of(to.address().toString()),
                                workload.message("throughput " + run + " " + i));
                        publisher.publish(MailTopics.DELIVERY, record);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }
}
