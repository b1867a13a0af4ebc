package org.mailplatform.kernel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MessageMemoryTest {

    @Test
    void reservationsFitUnderTheLimitOrAreRefusedWhole() {
        MessageMemory memory = new MessageMemory(100);
        assertThat(memory.tryReserve(60)).isTrue();
        assertThat(memory.tryReserve(41)).isFalse();
        assertThat(memory.used()).isEqualTo(60);
        assertThat(memory.tryReserve(40)).isTrue();
        memory.release(100);
        assertThat(memory.used()).isZero();
        assertThat(memory.refusals()).isEqualTo(1);
        assertThatThrownBy(() -> memory.tryReserve(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageMemory(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reservationsAheadOfTheDataLeaveAQuarterOfTheBudget() {
        MessageMemory memory = new MessageMemory(100);
        assertThat(memory.tryReserveAhead(76)).isFalse();
        assertThat(memory.tryReserveAhead(75)).isTrue();
        assertThat(memory.tryReserveAhead(1)).isFalse();
        assertThat(memory.tryReserve(25)).isTrue();
        assertThat(memory.used()).isEqualTo(100);
    }

    @Test
    void concurrentReservationsNeverExceedTheLimit() throws Exception {
        MessageMemory memory = new MessageMemory(10_000);
        AtomicLong over = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (memory.tryReserve(700)) {
                        if (memory.used() > memory.limit()) {
                            over.incrementAndGet();
                        }
                        memory.release(700);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(over).hasValue(0);
        assertThat(memory.used()).isZero();
    }
}
