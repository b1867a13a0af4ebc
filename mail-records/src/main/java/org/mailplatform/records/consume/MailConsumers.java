package org.mailplatform.records.consume;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.springframework.context.SmartLifecycle;

/**
 * A service's consumers as one lifecycle: started once the context is up, stopped (each batch
 * finished and committed, the group left) before the producer and the database they use go away.
 */
public final class MailConsumers implements SmartLifecycle {

    /** Late: the Kafka producer and the database start before the consumers and stop after them. */
    public static final int PHASE = Integer.MAX_VALUE - 200;

    private final List<MailConsumer<?>> consumers;
    private volatile boolean running;

    public MailConsumers(List<? extends MailConsumer<?>> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    /** {@code count} consumers made by {@code factory} from their index, e.g. threads of one group. */
    public static MailConsumers of(int count, IntFunction<? extends MailConsumer<?>> factory) {
        return new MailConsumers(IntStream.range(0, count).<MailConsumer<?>>mapToObj(factory::apply).toList());
    }

    public List<MailConsumer<?>> consumers() {
        return consumers;
    }

    @Override
    public synchronized void start() {
        consumers.forEach(MailConsumer::start);
        running = true;
    }

    @Override
    public synchronized void stop() {
        consumers.forEach(MailConsumer::requestStop);
        consumers.forEach(MailConsumer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Stops fetching on every consumer, keeping the partitions; see {@link #resume()}. */
    public void pause() {
        consumers.forEach(MailConsumer::pause);
    }

    public void resume() {
        consumers.forEach(MailConsumer::resume);
    }

    public boolean isPaused() {
        return consumers.stream().allMatch(MailConsumer::isPaused);
    }

    /** How many partitions the consumers hold together. */
    public int assignedPartitions() {
        return consumers.stream().mapToInt(c -> c.assignment().size()).sum();
    }
}
