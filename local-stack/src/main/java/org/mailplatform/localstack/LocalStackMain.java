package org.mailplatform.localstack;

import java.lang.management.ManagementFactory;
import java.time.Duration;
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
}
