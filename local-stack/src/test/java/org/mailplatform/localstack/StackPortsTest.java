package org.mailplatform.localstack;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackPortsTest {

    @Test
    void aReplicaGetsPortsOfItsOwnAndEveryOtherPortStays() {
        StackPorts stack = StackPorts.dev();
        StackPorts replica = stack.withFreePortsFor(PlatformService.IMAP);

        Set<Integer> stackPorts = new HashSet<>(stack.http().values());
        stackPorts.addAll(stack.mail().values());
        assertThat(replica.http(PlatformService.IMAP)).isNotIn(stackPorts);
        for (MailListener listener : PlatformService.IMAP.mailListeners()) {
            assertThat(replica.mail(listener)).as(listener.name()).isNotIn(stackPorts)
                    .isNotEqualTo(replica.http(PlatformService.IMAP));
        }
        assertThat(replica.mail(PlatformService.IMAP.mailListeners().get(0)))
                .isNotEqualTo(replica.mail(PlatformService.IMAP.mailListeners().get(1)));

        for (PlatformService other : PlatformService.values()) {
            if (other == PlatformService.IMAP) {
                continue;
            }
            assertThat(replica.http(other)).isEqualTo(stack.http(other));
            other.mailListeners().forEach(l -> assertThat(replica.mail(l)).isEqualTo(stack.mail(l)));
        }
        assertThat(replica.kafka()).isEqualTo(stack.kafka());
        assertThat(replica.postgres()).isEqualTo(stack.postgres());
    }
}
