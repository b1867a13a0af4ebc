package org.mailplatform.imap.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.migration.MigrateDatabase;
import org.mailplatform.testsupport.TestDatabase;
import org.mailplatform.testsupport.TestKafka;
import org.mailplatform.testsupport.TrustAllTls;

/**
 * How many IDLE sessions one gateway replica holds within its heap: starts the gateway in a JVM of
 * its own (default {@code -Xmx512m}) on a fresh database and a Kafka broker from test-support,
 * opens N loopback connections that LOGIN, SELECT INBOX and IDLE, then reports the gateway's heap
 * after a full GC and resident set, the connect-and-login rate, and how long a delivered message's
 * EXISTS takes to reach idle sessions: one account at a time, and one message to every account
 * at once. Loopback only; bounded in count (at most 60,000) and in time ({@code --timeout-minutes});
 * the gateway stops when this JVM does. Run it with {@code imap-gateway/bench/run-idle-benchmark.sh}.
 */
public final class IdleConnectionsBenchmark {

    private static final String PASSWORD = "idle-benchmark-password";
    private static final int IO_TIMEOUT_MILLIS = 120_000;

    private final BenchmarkOptions options;
    private final Map<String, String> results = new LinkedHashMap<>();

    private IdleConnectionsBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Thread.ofPlatform().daemon().name("benchmark-deadline").start(() -> {
            try {
                Thread.sleep(options.timeout());
                System.err.println("benchmark: time limit of " + options.timeout() + " reached, stopping");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int code = new IdleConnectionsBenchmark(options).run();
        System.exit(code);
    }

    private int run() throws Exception {
        log("options " + options);
        TestDatabase db = TestDatabase.get();
        HikariDataSource dataSource = dataSource(db);
        MigrateDatabase.migrate(dataSource);
        String kafka = TestKafka.get().bootstrapServers();
        // The gateway verifies with the parameters in the stored hash and re-hashes weaker ones at
        // login, so the accounts are hashed with exactly the gateway's settings.
        int memoryKib = options.productionHash() ? 19456 : 1024;
        int iterations = options.productionHash() ? 2 : 1;
        String hash = new PasswordHasher(memoryKib, iterations, 1).hash(PASSWORD);

        try (BenchmarkMail mail = new BenchmarkMail(dataSource, kafka)) {
            long t = System.nanoTime();
            List<Account> accounts = mail.createAccounts(options.accounts(), hash);
            log("created " + accounts.size() + " accounts in " + seconds(System.nanoTime() - t) + " s");

            Map<String, String> properties = gatewayProperties(db, kafka, memoryKib, iterations);
            Path logFile = Path.of("target", "idle-benchmark-gateway.log").toAbsolutePath();
            String classpath = System.getProperty("bench.gateway.classpath", System.getProperty("java.class.path"));
            try (GatewayProcess gateway = GatewayProcess.start(options.heap(), options.gatewayJvmOptions(), classpath,
                    properties, logFile)) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.of(gateway.pid())
                        .ifPresent(ProcessHandle::destroyForcibly)));
                log("gateway pid " + gateway.pid() + ", log " + logFile);
                Map<String, String> ready = gateway.await("ready", Duration.ofMinutes(3));
                if (!"true".equals(ready.get("events"))) {
                    throw new IOException("the gateway's mailbox-event consumer got no partitions");
                }
                int port = Integer.parseInt(ready.get(options.tls() ? "imaps" : "imap"));
                Map<String, String> idleHeap = gateway.heap();
                long[] idleRss = gateway.residentSet();
                record("gateway heap after GC, no connections", mib(idleHeap.get("used")));
                record("gateway RSS, no connections", mib(idleRss[0]));

                List<IdleClient> clients = connect(new InetSocketAddress("127.0.0.1", port), accounts);
                if (clients.size() < options.connections()) {
                    log("only " + clients.size() + " of " + options.connections() + " connections got to IDLE");
                }
                Map<String, String> loaded = gateway.heap();
                long[] loadedRss = gateway.residentSet();
                long used = Long.parseLong(loaded.get("used"));
                record("IDLE sessions (gateway's count)", loaded.get("idle") + " of " + loaded.get("sessions") + " sessions");
                record("gateway heap after GC, all IDLE", mib(used) + " (max " + mib(loaded.get("max")) + ", " + loaded.get("gc") + ")");
                record("heap per IDLE session", String.format(Locale.ROOT, "%.1f KiB",
                        (used - Long.parseLong(idleHeap.get("used"))) / 1024.0 / Math.max(1, clients.size())));
                record("gateway RSS, all IDLE", mib(loadedRss[0]));
                record("gateway direct buffers", mib(loaded.get("direct")) + " (Netty pool " + mib(loaded.get("nettyDirect")) + ")");
                record("gateway threads", loaded.get("threads"));

                singleDeliveries(mail, accounts, clients);
                deliveryToAll(mail, accounts, clients);

                record("gateway peak RSS (VmHWM)", mib(gateway.residentSet()[1]));
                Map<String, String> after = gateway.heap();
                record("gateway heap after GC, after the deliveries", mib(after.get("used")));
                clients.forEach(IdleClient::close);
            }
        } finally {
            dataSource.close();
        }
        report();
        return 0;
    }

    /** Opens the connections, {@code concurrency} at a time; each stays on its virtual thread, listening. */
    private List<IdleClient> connect(InetSocketAddress server, List<Account> accounts) throws InterruptedException {
        SSLSocketFactory tls = options.tls() ? TrustAllTls.socketFactory() : null;
        int n = options.connections();
        IdleClient[] clients = new IdleClient[n];
        Semaphore inFlight = new Semaphore(options.concurrency());
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            int index = i;
            IdleClient client = new IdleClient(accounts.get(i % accounts.size()).address().toString(), PASSWORD);
            threads.execute(() -> {
                boolean open = false;
                try {
                    client.open(server, tls, IO_TIMEOUT_MILLIS);
                    clients[index] = client;
                    open = true;
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                    if (errors.size() < 5) {
                        errors.add(e.toString());
                    }
                    client.close();
                } finally {
                    inFlight.release();
                    done.countDown();
                }
                if (open) {
                    client.listen();
                }
            });
            if ((i + 1) % 1000 == 0) {
                log((i + 1) + " connections started, " + seconds(System.nanoTime() - start) + " s");
            }
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        int ok = n - failed.get();
        record("connections in IDLE", ok + " of " + n + (options.tls() ? " (implicit TLS)" : " (plaintext LOGIN)"));
        record("connect + LOGIN + SELECT + IDLE", String.format(Locale.ROOT, "%.1f s for all, %.0f per second (%d at a time)",
                elapsed / 1e9, ok / (elapsed / 1e9), options.concurrency()));
        if (!errors.isEmpty()) {
            record("first failures", String.join(" | ", errors));
        }
        return Arrays.stream(clients).filter(c -> c != null).toList();
    }

    /** One message to one account at a time: the push latency of a single delivery among N idle sessions. */
    private void singleDeliveries(BenchmarkMail mail, List<Account> accounts, List<IdleClient> clients) throws Exception {
        if (options.samples() == 0) {
            return;
        }
        Random random = new Random(42);
        long[] latencies = new long[options.samples()];
        for (int s = 0; s < options.samples(); s++) {
            int account = random.nextInt(accounts.size());
            String user = accounts.get(account).address().toString();
            List<IdleClient> watching = clients.stream().filter(c -> c.user().equals(user)).toList();
            CountDownLatch arrived = new CountDownLatch(watching.size());
            watching.forEach(c -> c.await(c.exists() + 1, arrived));
            long t0 = System.nanoTime();
            mail.deliver(List.of(accounts.get(account)), "single " + s);
            if (!arrived.await(30, TimeUnit.SECONDS)) {
                throw new IOException("EXISTS of single delivery " + s + " did not arrive within 30 s");
            }
            latencies[s] = watching.stream().mapToLong(IdleClient::existsAt).max().orElse(t0) - t0;
        }
        Arrays.sort(latencies);
        record("single delivery → EXISTS (" + options.samples() + " samples)", String.format(Locale.ROOT,
                "median %.1f ms, max %.1f ms", latencies[latencies.length / 2] / 1e6, latencies[latencies.length - 1] / 1e6));
    }

    /** One message to every account (batches of 100 recipients, one event per copy): when does each session hear? */
    private void deliveryToAll(BenchmarkMail mail, List<Account> accounts, List<IdleClient> clients) throws Exception {
        CountDownLatch arrived = new CountDownLatch(clients.size());
        clients.forEach(c -> c.await(c.exists() + 1, arrived));
        long t0 = System.nanoTime();
        Map<String, Long> stored = mail.deliver(accounts, "to everyone");
        long published = System.nanoTime() - t0;
        boolean all = arrived.await(5, TimeUnit.MINUTES);
        long[] latencies = clients.stream().filter(c -> c.existsAt() >= t0).mapToLong(c -> c.existsAt() - t0)
                .sorted().toArray();
        // How far each session's EXISTS trailed the commit of its own copy: the gateway's share.
        long[] lags = clients.stream().filter(c -> c.existsAt() >= t0 && stored.containsKey(c.user()))
                .mapToLong(c -> c.existsAt() - stored.get(c.user())).sorted().toArray();
        record("delivery to all " + accounts.size() + " accounts, stored + events acknowledged", String.format(Locale.ROOT,
                "%.2f s", published / 1e9));
        if (latencies.length == 0) {
            record("EXISTS to all IDLE sessions", "none arrived");
            return;
        }
        record("EXISTS to all IDLE sessions", String.format(Locale.ROOT,
                "%s%d sessions: p50 %.2f s, p90 %.2f s, p99 %.2f s, last %.2f s after the first delivery",
                all ? "" : "INCOMPLETE, ", latencies.length, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                latencies[latencies.length - 1] / 1e9));
        record("EXISTS after its own copy was stored", String.format(Locale.ROOT,
                "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms", pct(lags, 50) * 1e3, pct(lags, 90) * 1e3,
                pct(lags, 99) * 1e3, lags[lags.length - 1] / 1e6));
    }

    private Map<String, String> gatewayProperties(TestDatabase db, String kafka, int memoryKib, int iterations) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", db.jdbcUrl());
        p.put("spring.datasource.username", db.username());
        p.put("spring.datasource.password", db.password());
        p.put("spring.kafka.bootstrap-servers", kafka);
        p.put("spring.flyway.enabled", "false");
        p.put("spring.main.banner-mode", "off");
        p.put("server.port", "0");
        p.put("mailplatform.hostname", "imap." + BenchmarkMail.DOMAIN);
        p.put("mailplatform.imap.replica-id", "benchmark");
        p.put("mailplatform.imap.bind-address", "127.0.0.1");
        p.put("mailplatform.imap.listeners.imap.port", "0");
        p.put("mailplatform.imap.listeners.imap.tls", "STARTTLS");
        p.put("mailplatform.imap.listeners.imaps.port", "0");
        p.put("mailplatform.imap.listeners.sieve.port", "-1");
        p.put("mailplatform.imap.listeners.imaps.tls", "IMPLICIT");
        p.put("mailplatform.imap.allow-plaintext-auth", Boolean.toString(!options.tls()));
        // Every connection comes from 127.0.0.1; the shipped limits (20 per address, 10,000 in all) would refuse them.
        p.put("mailplatform.kernel.max-connections", Integer.toString(options.connections() + 100));
        p.put("mailplatform.kernel.max-connections-per-address", Integer.toString(options.connections() + 100));
        p.put("mailplatform.imap.max-connections-per-user-and-address", Integer.toString(options.connections() + 100));
        p.put("mailplatform.auth.argon2.memory-kib", Integer.toString(memoryKib));
        p.put("mailplatform.auth.argon2.iterations", Integer.toString(iterations));
        return p;
    }

    private static HikariDataSource dataSource(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(8);
        config.setPoolName("benchmark");
        return new HikariDataSource(config);
    }

    private void record(String what, String value) {
        results.put(what, value);
        log(what + ": " + value);
    }

    private void report() {
        System.out.println();
        System.out.println("| measured | value |");
        System.out.println("|---|---|");
        results.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e9;
    }

    private static String mib(String bytes) {
        return mib(Long.parseLong(bytes));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
