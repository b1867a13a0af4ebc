package org.mailplatform.mta.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.testsupport.Dnsmasq;

/** RFC 5321 5.1 and RFC 7505 against a real DNS server (dnsmasq) on loopback. */
class MailExchangersTest {

    static Dnsmasq dns;
    static DnsResolver resolver;

    @BeforeAll
    static void startDns() throws Exception {
        assumePresent(Dnsmasq.available(), "dnsmasq is not installed (apt-get install dnsmasq-base; .ci/run does it)");
        dns = Dnsmasq.start(List.of(
                "--mx-host=pref.test,b.pref.test,20",
                "--mx-host=pref.test,a.pref.test,10",
                "--host-record=a.pref.test,127.0.0.11",
                "--host-record=b.pref.test,127.0.0.12,::1",
                "--mx-host=equal.test,x.equal.test,10",
                "--mx-host=equal.test,y.equal.test,10",
                "--host-record=x.equal.test,127.0.0.21",
                "--host-record=y.equal.test,127.0.0.22",
                "--mx-host=nullmx.test,.,0",
                "--host-record=nomx.test,127.0.0.31",
                "--mx-host=dangling.test,nowhere.dangling.test,10",
                "--mx-host=self.test,mta.self.test,10",
                "--mx-host=self.test,backup.self.test,20",
                "--mx-host=better.test,primary.better.test,5",
                "--mx-host=better.test,mta.self.test,10",
                "--host-record=primary.better.test,127.0.0.41",
                "--host-record=mta.self.test,127.0.0.42",
                "--host-record=backup.self.test,127.0.0.43",
                "--host-record=xn--bcher-kva.test,127.0.0.51"));
        resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopDns() {
        if (dns != null) {
            dns.close();
        }
    }

    private static MailExchangers exchangers(long seed) {
        // SplittableRandom: java.util.Random gives nearly the same first value for small consecutive seeds.
        return new MailExchangers(resolver, "mta.self.test", new SplittableRandom(seed), 10);
    }

    private static List<String> addresses(Destination d) {
        assertThat(d).isInstanceOf(Destination.Hosts.class);
        return ((Destination.Hosts) d).hosts().stream().map(h -> h.name() + "=" + h.address().getHostAddress()).toList();
    }

    @Test
    void exchangersComeInPreferenceOrderWithAllTheirAddresses() {
        assertThat(addresses(exchangers(1).forDomain("pref.test")))
                .containsExactly("a.pref.test=127.0.0.11", "b.pref.test=127.0.0.12", "b.pref.test=0:0:0:0:0:0:0:1");
    }

    @Test
    void equalPreferencesAreTriedInRandomOrder() {
        Set<String> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            List<String> order = addresses(exchangers(seed).forDomain("equal.test"));
            assertThat(order).containsExactlyInAnyOrder("x.equal.test=127.0.0.21", "y.equal.test=127.0.0.22");
            firsts.add(order.getFirst());
        }
        assertThat(firsts).hasSize(2);
    }

    @Test
    void aNullMxIsAPermanentFailure() {
        assertThat(exchangers(1).forDomain("nullmx.test")).isEqualTo(new Destination.Unreachable(true, "5.1.10",
                "Domain nullmx.test does not accept mail (null MX, RFC 7505)"));
    }

    @Test
    void withoutMxTheDomainItselfIsTheExchanger() {
        assertThat(addresses(exchangers(1).forDomain("nomx.test"))).containsExactly("nomx.test=127.0.0.31");
    }

    @Test
    void unknownDomainsAndExchangersWithoutAddressesFailPermanently() {
        assertThat(exchangers(1).forDomain("no-such-domain.test"))
                .isInstanceOfSatisfying(Destination.Unreachable.class, u -> {
                    assertThat(u.permanent()).isTrue();
                    assertThat(u.status()).isEqualTo("5.1.2");
                });
        assertThat(exchangers(1).forDomain("dangling.test"))
                .isInstanceOfSatisfying(Destination.Unreachable.class, u -> assertThat(u.status()).isEqualTo("5.4.4"));
    }

    @Test
    void onlyExchangersPreferredOverThisHostAreUsed() {
        assertThat(exchangers(1).forDomain("self.test"))
                .isInstanceOfSatisfying(Destination.Unreachable.class, u -> assertThat(u.status()).isEqualTo("5.4.6"));
        assertThat(addresses(exchangers(1).forDomain("better.test"))).containsExactly("primary.better.test=127.0.0.41");
    }

    @Test
    void internationalNamesAreLookedUpAsALabels() {
        assertThat(addresses(exchangers(1).forDomain("bücher.test"))).containsExactly("bücher.test=127.0.0.51");
    }

    @Test
    void configuredHostsAndLiteralsNeedNoMx() throws Exception {
        assertThat(addresses(exchangers(1).forHost("a.pref.test"))).containsExactly("a.pref.test=127.0.0.11");
        assertThat(addresses(exchangers(1).forHost("192.0.2.7"))).containsExactly("192.0.2.7=192.0.2.7");
        assertThat(addresses(exchangers(1).forHost("[IPv6:2001:db8::1]")))
                .containsExactly("[IPv6:2001:db8::1]=2001:db8:0:0:0:0:0:1");
        assertThat(exchangers(1).forHost("missing.test"))
                .isInstanceOfSatisfying(Destination.Unreachable.class, u -> assertThat(u.permanent()).isFalse());
        assertThat(IpLiterals.parse("999.1.1.1")).isNull();
        assertThat(IpLiterals.parse("mx.example.net")).isNull();
    }

    @Test
    void aDeadResolverIsATemporaryFailure() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DnsResolver dead = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", port)), Duration.ofMillis(500));
        assertThat(new MailExchangers(dead, "mta.self.test", new Random(1), 5).forDomain("pref.test"))
                .isInstanceOfSatisfying(Destination.Unreachable.class, u -> {
                    assertThat(u.permanent()).isFalse();
                    assertThat(u.status()).isEqualTo("4.4.3");
                });
    }
}
