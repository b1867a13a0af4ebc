package org.mailplatform.records.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryTierTest {

    @Test
    void backOffGrowsThenStaysAtTwoHours() {
        assertThat(RetryTier.afterFailedAttempts(1).delay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryTier.afterFailedAttempts(2).delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetryTier.afterFailedAttempts(3).delay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(RetryTier.afterFailedAttempts(4).delay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(RetryTier.afterFailedAttempts(5).delay()).isEqualTo(Duration.ofHours(1));
        assertThat(RetryTier.afterFailedAttempts(6).delay()).isEqualTo(Duration.ofHours(2));
        assertThat(RetryTier.afterFailedAttempts(60)).isEqualTo(RetryTier.TWO_HOURS);
        assertThatThrownBy(() -> RetryTier.afterFailedAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fiveDaysOfRetriesTakeAboutSixtyAttempts() {
        Duration waited = Duration.ZERO;
        int attempts = 0;
        while (waited.compareTo(Duration.ofDays(5)) < 0) {
            attempts++;
            waited = waited.plus(RetryTier.afterFailedAttempts(attempts).delay());
        }
        assertThat(attempts).isBetween(55, 65);
    }

    @Test
    void everyTierHasACatalogueTopic() {
        for (RetryTier tier : RetryTier.values()) {
            assertThat(MailTopics.defaults().contains(tier.topic())).isTrue();
            assertThat(RetryTier.ofTopic(tier.topic())).isEqualTo(tier);
        }
        assertThatThrownBy(() -> RetryTier.ofTopic(MailTopics.OUTBOUND)).isInstanceOf(IllegalArgumentException.class);
    }
}
