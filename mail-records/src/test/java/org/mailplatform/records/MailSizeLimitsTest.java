package org.mailplatform.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailSizeLimitsTest {

    @Test
    void defaultsFitA25MebibyteMessageWithHeadroomAtEachLayer() {
        MailSizeLimits limits = MailSizeLimits.defaults();
        assertThat(limits.maxMessageBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(limits.maxRecordBytes()).isEqualTo(26L * 1024 * 1024);
        assertThat((long) limits.producerMaxRequestBytes()).isGreaterThan(limits.maxRecordBytes());
        assertThat(limits.topicMaxMessageBytes()).isGreaterThan(limits.producerMaxRequestBytes());
    }

    @Test
    void absurdLimitsAreRefused() {
        assertThatThrownBy(() -> new MailSizeLimits(1000, 1024 * 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailSizeLimits(4L << 30, 1024 * 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
