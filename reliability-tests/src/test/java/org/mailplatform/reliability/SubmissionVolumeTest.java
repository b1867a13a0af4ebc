package org.mailplatform.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The load tests send far more than an account's default sending limits allow (60 messages a minute):
 * the platform they start must take a burst above that limit at once, or their runs measure the
 * throttle instead of the platform (a long crash-safety run then accepts one burst of 60 messages a
 * minute, its clients retrying in between).
 */
@Order(3)
class SubmissionVolumeTest {

    private static final int BURST = 70;

    @Test
    void aBurstAboveTheDefaultPerMinuteLimitIsAcceptedAtTheFirstAttempt() throws Exception {
        PlatformProcesses platform = PlatformProcesses.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long begin = System.nanoTime();
        List<SendRecord> records = new ArrayList<>();
        try (RetryingSmtpClient client = new RetryingSmtpClient(platform)) {
            for (int i = 0; i < BURST; i++) {
                TestMail mail = new TestMail(i, "<volume-" + run + "-" + i + "@client.remote.test>", TestMail.Route.SUBMISSION,
                        PlatformProcesses.ALICE, List.of(PlatformProcesses.BOB), Optional.empty());
                SendRecord record = new SendRecord(mail, begin);
                records.add(record);
                client.send(record, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            }
        }
        assertThat(records).allMatch(SendRecord::accepted);
        assertThat(records).as("messages refused before being accepted")
                .filteredOn(r -> r.count(SendOutcome.TEMPORARY_REFUSAL) > 0)
                .extracting(r -> r.mail().messageId() + " " + r.refusalCodes())
                .isEmpty();
    }
}
