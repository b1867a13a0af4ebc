package org.mailplatform.imap.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import org.mailplatform.imap.ImapApplication;
import org.mailplatform.imap.metrics.ImapMetrics;
import org.mailplatform.imap.sync.MailboxEventListener;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway side of {@link IdleConnectionsBenchmark}: the unchanged IMAP gateway application in a
 * JVM of its own, driven over stdin/stdout. It prints {@code BENCH ready imap=<port> imaps=<port>}
 * once its listeners are bound and its mailbox-event consumer has its partitions, answers
 * {@code heap} with the heap in use after a full collection, and stops on {@code exit} or when
 * its stdin closes, so it never outlives the benchmark that started it.
 */
public final class BenchmarkGateway {

    private BenchmarkGateway() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(ImapApplication.class, args);
        MailProtocolServer server = context.getBean(MailProtocolServer.class);
        MailboxEventListener events = context.getBean(MailboxEventListener.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!events.isAssigned() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        report("ready imap=" + server.boundPort("imap") + " imaps=" + server.boundPort("imaps")
                + " events=" + events.isAssigned());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null && !command.equals("exit")) {
            if (command.equals("heap")) {
                report(heap(context));
            }
        }
        int code = SpringApplication.exit(context);
        System.exit(code);
    }

    private static String heap(ConfigurableApplicationContext context) {
        // Two collections: the first may only finish what a concurrent cycle started.
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        Gauge sessions = context.getBean(MeterRegistry.class).find("imap.sessions.active").gauge();
        return "heap used=" + heap.getUsed() + " committed=" + heap.getCommitted() + " max=" + heap.getMax()
                + " direct=" + direct + " nettyDirect=" + PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()
                + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount()
                + " sessions=" + (sessions == null ? -1 : (long) sessions.value())
                + " idle=" + context.getBean(ImapMetrics.class).activeIdle()
                + " gc=" + String.join(",", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(b -> b.getName().replace(' ', '_')).toList());
    }

    private static void report(String line) {
        System.out.println("BENCH " + line);
        System.out.flush();
    }
}
