package org.mailplatform.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's Kafka broker as a process of its own ({@link ProcessStack}): the same broker
 * and log directory as {@link KafkaBroker}, so records survive the process being killed.
 * Arguments: the data directory and the client port.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <data-dir> <port>");
            System.exit(2);
        }
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-stop"));
        System.out.println("Kafka broker serving on " + broker.bootstrapServers());
        stopped.await();
    }
}
