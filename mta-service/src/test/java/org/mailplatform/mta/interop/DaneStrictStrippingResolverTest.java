package org.mailplatform.mta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.topics.RetryTier;
import org.springframework.test.context.TestPropertySource;

/** With {@code require-dnssec-resolver}, the same mail waits for DNS servers that pass DNSSEC along. */
@TestPropertySource(properties = "mailplatform.mta.outbound.dane.require-dnssec-resolver=true")
class DaneStrictStrippingResolverTest extends DaneStrippingResolverTestBase {

    static TopicReader retries;

    @BeforeAll
    static void reader() {
        retries = new TopicReader(Arrays.stream(RetryTier.values()).map(RetryTier::topic).toList());
    }

    @AfterAll
    static void closeReader() {
        retries.close();
    }

    @Test
    void mailIsDeferredAsBogusAndPostfixGetsNothing() throws Exception {
        String subject = submit();

        ConsumerRecord<byte[], byte[]> deferred = retries.await(r -> text(MailRecordCodec.decode(r.value())).contains(subject),
                Duration.ofSeconds(30));
        Recipient recipient = MailRecordCodec.decode(deferred.value()).envelope().recipients().getFirst();
        assertThat(recipient.lastStatus()).isEqualTo("4.7.5");
        assertThat(recipient.lastDiagnostic()).contains("MX records of " + DOMAIN);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.find("mail.dane.lookups").counters().stream()
                .anyMatch(c -> c.getId().getTag("status").equals("bogus")));
        assertThat(daneAvailable()).isZero();
        // Postfix is shared with the other class, so its log holds that class's delivery: the maildir tells.
        assertThat(stored(subject)).isNull();
    }

    private static String text(MailRecord r) {
        return new String(r.message(), StandardCharsets.UTF_8);
    }
}
