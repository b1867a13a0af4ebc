package org.mailplatform.mta.outbound.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.testsupport.Nsd;

/** The check of the DNS servers for DNSSEC against a real NSD serving a signed zone, and the same zone stripped. */
class DnssecResolverProbeTest {

    static final Nsd.Zone ZONE = new Nsd.Zone("probe.test", List.of("ns IN A 127.0.0.1"), true);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void nsdIsThere() {
        assumePresent(Nsd.available(), "NSD or ldns is not installed (Debian: apt-get install nsd ldnsutils; .ci/run does it)");
    }

    @Test
    void serversThatPassDnssecAlongPassAndAFailedLookupHasThemCheckedAgainSoon() throws Exception {
        try (Nsd nsd = Nsd.start(List.of(ZONE))) {
            DnssecResolverProbe probe = probe(nsd, Duration.ofHours(1), Duration.ofMillis(200));
            probe.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(probe::lastCheckPassed);
                assertThat(available()).isEqualTo(1.0);

                nsd.close();
                // Without it, the next check would be an hour away.
                probe.lookupFailed();

                await().atMost(Duration.ofSeconds(10)).until(() -> !probe.lastCheckPassed());
                assertThat(available()).isZero();
            } finally {
                probe.stop();
            }
        }
    }

    @Test
    void aZoneServedWithoutItsSignaturesFailsTheCheck() throws Exception {
        try (Nsd nsd = Nsd.start(List.of(ZONE.withSignaturesStripped()))) {
            DnssecResolverProbe probe = probe(nsd, Duration.ofMinutes(10), Duration.ofMinutes(1));

            assertThat(probe.available()).isFalse();
            assertThat(probe.check()).isFalse();
            assertThat(available()).isZero();
        }
    }

    private DnssecResolverProbe probe(Nsd nsd, Duration interval, Duration recheck) throws Exception {
        DnssecResolver dns;
        try (InputStream anchor = Files.newInputStream(nsd.trustAnchor())) {
            dns = new DnssecResolver(List.of(new InetSocketAddress("127.0.0.1", nsd.port())), Duration.ofSeconds(2), anchor);
        }
        DnssecResolverProbe probe = new DnssecResolverProbe(dns, false, interval, recheck);
        new DaneMetrics(registry).resolverAvailability(probe::lastCheckPassed);
        return probe;
    }

    private double available() {
        return registry.get("mail.dane.available").gauge().value();
    }
}
