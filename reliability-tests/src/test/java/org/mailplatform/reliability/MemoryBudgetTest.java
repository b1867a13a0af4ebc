package org.mailplatform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mailplatform.localstack.LocalStackSettings;
import org.mailplatform.localstack.MailListener;
import org.mailplatform.localstack.PlatformService;
import org.mailplatform.localstack.ProcessStack;
import org.mailplatform.localstack.StackPorts;

/**
 * A service under its container's memory limit survives the documented maximums at once: idle TLS
 * connections, clients logging in without pause, and messages of the maximum size. The service runs
 * as a process of its own with the JVM options the images compute for that limit
 * ({@link ContainerJvmOptions}, read from the image's entry point), and its resident set is sampled
 * throughout.
 *
 * <p>In the normal build at a reduced size; {@code scripts/memory-budget.sh} runs the documented
 * maximums (system properties {@code memory.*}).
 */
@Order(4)
class MemoryBudgetTest {

    private static final Path DATA_DIR = Path.of("target", "memory-stack").toAbsolutePath();
    private static final Path REPORT = Path.of("target", "reliability", "memory-budget.txt");

    private static final String LIMIT = System.getProperty("memory.limit", "768m");
    private static final int IDLE = Integer.getInteger("memory.idle-connections", 1000);
    private static final int LOGIN_CLIENTS = Integer.getInteger("memory.login-clients", 30);
    private static final int LARGE_MESSAGES = Integer.getInteger("memory.large-messages", 12);
    private static final Duration LOGIN_PHASE = Duration.parse(System.getProperty("memory.login-phase", "PT20S"));
    /** The services' default maximum message size (25 MB), less room for the Received field the service adds. */
    private static final long MESSAGE_SIZE = 25L * 1024 * 1024 - 16 * 1024;

    @Test
    void aServiceStaysUnderItsContainerLimitAtTheDocumentedMaximums() throws Exception {
        long limitBytes = ContainerJvmOptions.parseSize(LIMIT);
        List<String> jvmOptions = new ArrayList<>(ContainerJvmOptions.ofImage());
        // The container's limit, as the JVM sees it in a cgroup: MaxRAM stands in for it on a host without one.
        // Below 1792 MiB the JVM in a container picks the Serial collector; so does this one.
        jvmOptions.add("-XX:MaxRAM=" + limitBytes);
        jvmOptions.add("-XX:+UseSerialGC");
        try (ProcessStack stack = new ProcessStack(new LocalStackSettings(DATA_DIR, Optional.empty(), StackPorts.ephemeral(), true,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.msa.rate-limit.per-account-per-minute", "0",
                        "mailplatform.msa.rate-limit.per-address-per-minute", "0",
                        "mailplatform.msa.rate-limit.recipients-per-account-per-hour", "0")),
                EnumSet.of(PlatformService.MSA), jvmOptions).start()) {
            String alice = stack.demoCredentials().passwords().keySet().stream().sorted().findFirst().orElseThrow();
            int port = stack.mailPort(listener(PlatformService.MSA, "submissions"));
            MemoryLoad load = new MemoryLoad(port, alice, stack.demoCredentials().passwords().get(alice));
            MemoryLoad.Plan plan = new MemoryLoad.Plan(IDLE, LOGIN_CLIENTS, LARGE_MESSAGES, MESSAGE_SIZE, LOGIN_PHASE);
            MemoryLoad.Result result = load.run(plan, stack.servicePid(PlatformService.MSA));

            String report = String.format("""
                    memory budget: msa-service, container limit %s, JVM options %s
                      idle TLS connections %d of %d, login clients %d for %s, messages of %d octets %d
                      peak RSS %d MiB (limit %d MiB); logins %d (failed %d); messages accepted %d, refused %d %s
                      errors %d %s; process alive %s
                    """, LIMIT, jvmOptions, result.idleOpened(), IDLE, LOGIN_CLIENTS, LOGIN_PHASE, MESSAGE_SIZE, LARGE_MESSAGES,
                    result.peakRssBytes() >> 20, limitBytes >> 20, result.logins(), result.loginFailures(),
                    result.accepted(), result.refusals().size(), result.refusals(), result.errors().size(),
                    result.errors().stream().limit(5).toList(), result.alive());
            System.out.print(report);
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, report);

            assertThat(result.alive()).as("the service survived").isTrue();
            assertThat(result.peakRssBytes()).as("peak resident set").isLessThan(limitBytes);
            assertThat(result.errors()).as("connections that failed").isEmpty();
            assertThat(result.idleOpened()).isEqualTo(IDLE);
            assertThat(result.loginFailures()).isZero();
            assertThat(result.logins()).isPositive();
            // Past the message memory budget a message is refused for now (452 4.3.1), never lost or crashed on.
            assertThat(result.refusals()).allMatch(r -> r.startsWith("452 4.3.1"));
            assertThat(result.accepted()).isPositive();
        }
    }

    private static MailListener listener(PlatformService service, String name) {
        return service.mailListeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
