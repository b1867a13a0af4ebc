package org.mailplatform.kernel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void runsTasksOneAtATimeInSubmissionOrder() {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            SerialExecutor serial = new SerialExecutor(threads);
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();

            for (int i = 0; i < 500; i++) {
                int n = i;
                serial.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    order.add(n);
                    Thread.yield();
                    running.decrementAndGet();
                });
            }

            await().until(() -> order.size() == 500);
            assertThat(order).isSorted();
            assertThat(maxRunning.get()).isEqualTo(1);
            await().until(() -> !serial.isBusy());
        }
    }

    @Test
    void queuesTasksSubmittedFromInsideATaskInsteadOfRecursing() {
        SerialExecutor serial = new SerialExecutor(Runnable::run);
        List<String> order = new ArrayList<>();

        serial.execute(() -> {
            serial.execute(() -> order.add("inner"));
            order.add("outer");
            assertThat(serial.inExecutor()).isTrue();
        });

        assertThat(order).containsExactly("outer", "inner");
        assertThat(serial.inExecutor()).isFalse();
        assertThat(serial.isBusy()).isFalse();
    }
}
