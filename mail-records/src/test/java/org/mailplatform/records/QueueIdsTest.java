package org.mailplatform.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QueueIdsTest {

    @Test
    void idsAreValidUniqueAndUsableAsEnvelopeQueueIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = QueueIds.next();
            assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
        assertThat(Fixtures.minimalEnvelope(ids.iterator().next()).queueId()).hasSize(26);
    }

    @Test
    void idsSortByCreationTime() {
        String earlier = QueueIds.next(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        String later = QueueIds.next(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC));
        assertThat(earlier.compareTo(later)).isNegative();
    }
}
