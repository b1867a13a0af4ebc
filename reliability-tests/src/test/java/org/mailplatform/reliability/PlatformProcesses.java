package org.mailplatform.reliability;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import org.mailplatform.localstack.DemoAccounts;
import org.mailplatform.localstack.LocalStackSettings;
import org.mailplatform.localstack.MailListener;
import org.mailplatform.localstack.PlatformService;
import org.mailplatform.localstack.ProcessStack;
import org.mailplatform.localstack.StackPorts;

/**
 * The platform under test, once per test JVM: all five services, Kafka and a private PostgreSQL,
 * each a process of its own (logs in {@code target/process-stack/logs}), and a refusing remote
 * peer for the domain {@value #BOUNCE_DOMAIN}. Stopped when the JVM exits.
 */
final class PlatformProcesses {

    static final String BOUNCE_DOMAIN = "bounce.test";
    static final String ALICE = DemoAccounts.ADDRESSES.get(0);
    static final String BOB = DemoAccounts.ADDRESSES.get(1);
    static final Path DATA_DIR = Path.of("target", "process-stack").toAbsolutePath();

    private static PlatformProcesses shared;

    final ProcessStack stack;
    final RefusingPeer peer;

    private PlatformProcesses(ProcessStack stack, RefusingPeer peer) {
        this.stack = stack;
        this.peer = peer;
    }

    static synchronized PlatformProcesses shared() {
        if (shared == null) {
            RefusingPeer peer = RefusingPeer.start(DATA_DIR.resolveSibling("refusing-peer.log"));
            long begin = System.nanoTime();
            ProcessStack stack = new ProcessStack(new LocalStackSettings(DATA_DIR, Optional.empty(), StackPorts.ephemeral(), true,
                    Map.of("mailplatform.hostname", "mail.example.test",
                            "mailplatform.mta.relay.transports[" + BOUNCE_DOMAIN + "]", "127.0.0.1:" + peer.port(),
                            // The load is one account from one address, far above the MSA's default sending
                            // limits (60 messages a minute, 1,000 recipients an hour): with them on, a long run
                            // is throttled to 60 messages a minute and then stops, which is not what it measures.
                            "mailplatform.msa.rate-limit.per-account-per-minute", "0",
                            "mailplatform.msa.rate-limit.per-address-per-minute", "0",
                            "mailplatform.msa.rate-limit.recipients-per-account-per-hour", "0")),
                    EnumSet.allOf(PlatformService.class), ProcessStack.DEFAULT_SERVICE_JVM_OPTIONS).start();
            System.out.printf("Platform processes ready in %d s (logs in %s)%n",
                    (System.nanoTime() - begin) / 1_000_000_000L, DATA_DIR.resolve("logs"));
            shared = new PlatformProcesses(stack, peer);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                peer.close();
            }, "platform-processes-stop"));
        }
        return shared;
    }

    String password(String address) {
        return stack.demoCredentials().passwords().get(address);
    }

    int submissionPort() {
        return stack.mailPort(listener(PlatformService.MSA, "submission"));
    }

    int transferPort() {
        return stack.mailPort(listener(PlatformService.MTA, "smtp"));
    }

    int imapsPort() {
        return stack.mailPort(listener(PlatformService.IMAP, "imaps"));
    }

    int pop3sPort() {
        return stack.mailPort(listener(PlatformService.POP3, "pop3s"));
    }

    private static MailListener listener(PlatformService service, String name) {
        return service.mailListeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
