package org.mailplatform.mta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * By default, DNS servers that do not pass DNSSEC along turn DANE off rather than hold all mail:
 * delivery with opportunistic TLS, as Postfix does behind a resolver that sets no AD bit.
 */
@ExtendWith(OutputCaptureExtension.class)
class DaneStrippingResolverTest extends DaneStrippingResolverTestBase {

    @Test
    void mailIsDeliveredWithOpportunisticTlsAndDaneIsReportedUnavailableOnce(CapturedOutput output) throws Exception {
        String first = submit();
        String second = submit();

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(first) != null && stored(second) != null);
        // The TLSA record matches nothing: delivery shows that DANE did not apply.
        assertThat(stored(first)).contains("(using TLSv1.");
        assertThat(daneAvailable()).isZero();
        assertThat(meters.find("mail.dane.lookups").counters()).isEmpty();
        assertThat(output.getAll().split("do not pass DNSSEC along", -1)).hasSize(2);
        assertThat(output.getAll()).contains(DNS.address()).contains("opportunistic TLS");
    }
}
