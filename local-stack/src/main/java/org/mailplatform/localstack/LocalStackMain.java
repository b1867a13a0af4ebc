package org.mailplatform.localstack;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;

import org.slf4j.LoggerFactory;

/** {@code ./local-stack.sh}: starts the whole platform, prints how to use it, stops it all on Ctrl-C. */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.parse(args, System.getenv());
        } catch (LocalStackSettings.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(LocalStackSettings.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        // Read by logback.xml, so it must be set before the first logger exists.
        System.setProperty("mailplatform.local-stack.log-file", settings.dataDir().resolve("local-stack.log").toString());
        if (settings.processMode().enabled()) {
            runProcesses(settings);
            return;
        }
        System.out.println("Starting the mail platform (PostgreSQL, Kafka, 5 services); log: "
                + settings.dataDir().resolve("local-stack.log"));

        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            System.out.println("Local stack stopped.");
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(LocalStackMain.class).error("The local stack failed to start", e);
            System.err.println("The local stack failed to start: " + e.getMessage());
            System.err.println("Details in " + settings.dataDir().resolve("local-stack.log"));
            System.exit(1);
        }
        System.out.print(StartupBanner.render(stack));
        Duration sinceJvmStart = Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        System.out.println(" Ready " + StartupTimes.seconds(sinceJvmStart) + " after the JVM started.");
        stopped.await();
    }

    /** {@code --processes}: every service (and replica) a JVM of its own, as in production. */
    private static void runProcesses(LocalStackSettings settings) throws InterruptedException {
        System.out.println("Starting the mail platform, each part a process of its own; logs in "
                + settings.dataDir().toAbsolutePath().resolve("logs"));
        ServiceLaunch launch = ServiceLaunch.classPath(ProcessStack.DEFAULT_SERVICE_JVM_OPTIONS);
        if (settings.processMode().aotCache()) {
            launch = launch.withAotCache(settings.dataDir().resolve("aot"));
        }
        ProcessStack stack = new ProcessStack(settings, EnumSet.allOf(PlatformService.class), launch,
                settings.processMode().replicas());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            System.out.println("Local stack stopped.");
            stopped.countDown();
        }, "local-stack-stop"));
        long begin = System.nanoTime();
        try {
            stack.start();
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(LocalStackMain.class).error("The local stack failed to start", e);
            System.err.println("The local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        System.out.print(ProcessStackBanner.render(stack, Duration.ofNanos(System.nanoTime() - begin)));
        stopped.await();
    }
}
