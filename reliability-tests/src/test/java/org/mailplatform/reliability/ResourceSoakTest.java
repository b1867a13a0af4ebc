package org.mailplatform.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mailplatform.localstack.PlatformService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak: steady mixed traffic (port 25 and submission in, IMAP and POP3 reads, a new
 * connection each time) against the platform's processes, sampling each service after a full GC:
 * heap in use, live threads, open file descriptors, and PostgreSQL's connections. What leaks grows
 * with the traffic; the last samples must stay within a tolerance of the first ones.
 *
 * <p>Length: {@code -Dreliability.soak=PT45S} (default), sample every
 * {@code -Dreliability.soak.interval=PT10S} after a warm-up of {@code -Dreliability.soak.warmup=PT15S}.
 */
@Order(1)
class ResourceSoakTest {

    private static final Duration LENGTH = Duration.parse(System.getProperty("reliability.soak", "PT45S"));
    private static final Duration INTERVAL = Duration.parse(System.getProperty("reliability.soak.interval", "PT10S"));
    private static final Duration WARM_UP = Duration.parse(System.getProperty("reliability.soak.warmup", "PT15S"));
    /** Each service's pool (spring.datasource.hikari.maximum-pool-size in the stack) plus the test's own. */
    private static final int DB_CONNECTION_LIMIT = 5 * PlatformService.values().length + 2;
    private static final long HEAP_SLACK_BYTES = 24L * 1024 * 1024;
    private static final double HEAP_GROWTH_LIMIT = 0.25;
    private static final long FD_SLACK = 20;
    private static final long THREAD_SLACK = 15;
    private static final Path REPORT = Path.of("target", "reliability", "soak.txt");

    private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void heapThreadsDescriptorsAndConnectionsStayFlatUnderSteadyTraffic() throws Exception {
        PlatformProcesses platform = PlatformProcesses.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean stop = new AtomicBoolean();
        Map<PlatformService, List<ProcessResources>> samples = new EnumMap<>(PlatformService.class);
        List<Long> dbConnections = new ArrayList<>();
        List<Long> sampleSeconds = new ArrayList<>();
        long begin = System.nanoTime();
        try (ExecutorService traffic = Executors.newFixedThreadPool(4)) {
            traffic.submit(() -> loop("port 25", stop, Duration.ofMillis(250), i -> transfer(platform, run, i)));
            traffic.submit(() -> loop("submission", stop, Duration.ofMillis(1000), i -> submit(platform, run, i)));
            traffic.submit(() -> loop("imap", stop, Duration.ofMillis(500), i -> readImap(platform)));
            traffic.submit(() -> loop("pop3", stop, Duration.ofMillis(1000), i -> readPop3(platform)));

            Thread.sleep(WARM_UP);
            long end = System.nanoTime() + LENGTH.toNanos();
            while (true) {
                long at = System.nanoTime();
                sampleSeconds.add((at - begin) / 1_000_000_000L);
                for (PlatformService service : platform.stack.services()) {
                    samples.computeIfAbsent(service, s -> new ArrayList<>()).add(
                            ProcessResources.sample(platform.stack.servicePid(service), platform.stack.httpPort(service)));
                }
                dbConnections.add(databaseConnections(platform));
                if (System.nanoTime() >= end) {
                    break;
                }
                Thread.sleep(Math.max(0, INTERVAL.toMillis() - (System.nanoTime() - at) / 1_000_000));
            }
            stop.set(true);
        }

        String report = report(samples, dbConnections, sampleSeconds);
        System.out.print(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);

        assertThat(done.values().stream().mapToLong(AtomicLong::get).sum()).as("operations done").isPositive();
        assertThat(failures).as("failed operations").isEmpty();
        for (Map.Entry<PlatformService, List<ProcessResources>> e : samples.entrySet()) {
            String name = e.getKey().serviceName();
            List<ProcessResources> s = e.getValue();
            long heapBefore = median(s.subList(0, Math.min(3, s.size())), ProcessResources::heapAfterGcBytes);
            long heapAfter = median(s.subList(Math.max(0, s.size() - 3), s.size()), ProcessResources::heapAfterGcBytes);
            assertThat(heapAfter).as(name + " heap after GC").isLessThanOrEqualTo(
                    (long) (heapBefore * (1 + HEAP_GROWTH_LIMIT)) + HEAP_SLACK_BYTES);
            assertThat(s.getLast().openFiles()).as(name + " open file descriptors")
                    .isLessThanOrEqualTo(s.getFirst().openFiles() + FD_SLACK);
            assertThat(s.getLast().liveThreads()).as(name + " live threads")
                    .isLessThanOrEqualTo(s.getFirst().liveThreads() + THREAD_SLACK);
        }
        assertThat(dbConnections).as("PostgreSQL connections").allMatch(c -> c <= DB_CONNECTION_LIMIT);
    }

    private interface Operation {
        void run(long iteration) throws Exception;
    }

    /** Repeats an operation at a steady pace until stopped, counting what worked and what did not. */
    private void loop(String name, AtomicBoolean stop, Duration pace, Operation operation) {
        for (long i = 0; !stop.get(); i++) {
            long start = System.nanoTime();
            try {
                operation.run(i);
                done.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            } catch (Exception e) {
                failed.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
                failures.add(name + ": " + e);
            }
            long left = pace.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void transfer(PlatformProcesses platform, String run, long i) throws Exception {
        TestMail mail = new TestMail((int) i, "<soak-" + run + "-mta-" + i + "@client.remote.test>", TestMail.Route.TRANSFER,
                "soak-" + i + "@remote.test", List.of(PlatformProcesses.BOB), Optional.empty());
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(platform.transferPort()));
        p.put("mail.smtp.localhost", "client.remote.test");
        p.put("mail.smtp.timeout", "30000");
        Transport.send(RetryingSmtpClient.message(Session.getInstance(p), mail));
    }

    private static void submit(PlatformProcesses platform, String run, long i) throws Exception {
        TestMail mail = new TestMail((int) i, "<soak-" + run + "-msa-" + i + "@client.remote.test>", TestMail.Route.SUBMISSION,
                PlatformProcesses.ALICE, List.of(PlatformProcesses.BOB), Optional.empty());
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(platform.submissionPort()));
        p.put("mail.smtp.localhost", "client.remote.test");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.trust", "*");
        Transport.send(RetryingSmtpClient.message(Session.getInstance(p), mail),
                PlatformProcesses.ALICE, platform.password(PlatformProcesses.ALICE));
    }

    /** A client syncing: the newest five envelopes, then the newest message's body. */
    private static void readImap(PlatformProcesses platform) throws Exception {
        Properties p = new Properties();
        p.put("mail.imaps.ssl.trust", "*");
        p.put("mail.imaps.timeout", "30000");
        Store store = Session.getInstance(p).getStore("imaps");
        store.connect("127.0.0.1", platform.imapsPort(), PlatformProcesses.BOB, platform.password(PlatformProcesses.BOB));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            if (count > 0) {
                Message[] newest = inbox.getMessages(Math.max(1, count - 4), count);
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                inbox.fetch(newest, profile);
                newest[newest.length - 1].getContent();
            }
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    /** A one-device client: STAT, then the newest message, without deleting. */
    private static void readPop3(PlatformProcesses platform) throws Exception {
        Properties p = new Properties();
        p.put("mail.pop3s.ssl.trust", "*");
        p.put("mail.pop3s.timeout", "30000");
        Store store = Session.getInstance(p).getStore("pop3s");
        store.connect("127.0.0.1", platform.pop3sPort(), PlatformProcesses.ALICE, platform.password(PlatformProcesses.ALICE));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            if (count > 0) {
                inbox.getMessage(count).getContent();
            }
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    private static long databaseConnections(PlatformProcesses platform) throws SQLException {
        try (Connection c = platform.stack.database().dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long median(List<ProcessResources> samples, java.util.function.ToLongFunction<ProcessResources> value) {
        List<Long> values = samples.stream().map(value::applyAsLong).sorted(Comparator.naturalOrder()).toList();
        return values.get(values.size() / 2);
    }

    private String report(Map<PlatformService, List<ProcessResources>> samples, List<Long> dbConnections, List<Long> seconds) {
        StringBuilder b = new StringBuilder("==== soak ====\n");
        b.append(String.format("length %s after a %s warm-up, a sample every %s%n", LENGTH, WARM_UP, INTERVAL));
        b.append("operations done: ").append(done).append(", failed: ").append(failed).append('\n');
        failures.stream().limit(10).forEach(f -> b.append("  FAILED ").append(f).append('\n'));
        b.append(String.format("%-14s %s%n", "t (s)", seconds));
        for (Map.Entry<PlatformService, List<ProcessResources>> e : samples.entrySet()) {
            String name = e.getKey().serviceName();
            b.append(String.format("%-14s heap MiB %s%n", name,
                    e.getValue().stream().map(r -> r.heapAfterGcBytes() / (1024 * 1024)).toList()));
            b.append(String.format("%-14s threads  %s%n", "", e.getValue().stream().map(ProcessResources::liveThreads).toList()));
            b.append(String.format("%-14s fds      %s%n", "", e.getValue().stream().map(ProcessResources::openFiles).toList()));
        }
        b.append(String.format("%-14s %s%n", "db connections", dbConnections));
        return b.toString();
    }
}
