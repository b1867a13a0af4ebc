package org.mailplatform.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;

class ContentPrefetchTest {

    private static List<MessageSummary> sized(long... sizes) {
        List<MessageSummary> list = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            list.add(new MessageSummary(i + 1, 1, MessageFlags.none(), Instant.EPOCH, sizes[i], i + 1,
                    Optional.empty(), Optional.empty()));
        }
        return list;
    }

    @Test
    void aBatchIsARunOfSmallMessagesWithinTheCountAndSizeLimits() {
        long big = MessageRepository.INLINE_BODY_LIMIT + 1;
        List<MessageSummary> mixed = sized(100, 200, big, 300, 400);
        assertThat(ContentPrefetch.batchEnd(mixed, 0)).isEqualTo(2);
        assertThat(ContentPrefetch.batchEnd(mixed, 3)).isEqualTo(5);

        long[] many = new long[ContentPrefetch.MAX_MESSAGES + 10];
        java.util.Arrays.fill(many, 1000);
        assertThat(ContentPrefetch.batchEnd(sized(many), 0)).isEqualTo(ContentPrefetch.MAX_MESSAGES);

        long quarter = MessageRepository.INLINE_BODY_LIMIT;
        // Eight messages of 256 KiB make 2 MiB; the ninth would pass the byte limit.
        long[] heavy = new long[12];
        java.util.Arrays.fill(heavy, quarter);
        assertThat(ContentPrefetch.batchEnd(sized(heavy), 0)).isEqualTo((int) (ContentPrefetch.MAX_BYTES / quarter));
    }
}
