package org.mailplatform.mta.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class DnsblZoneTest {

    @Test
    void postscreenSyntaxIsParsed() {
        assertThat(DnsblZone.parse("zen.spamhaus.org*3")).isEqualTo(new DnsblZone("zen.spamhaus.org", null, 3));
        assertThat(DnsblZone.parse(" BL.Example.NET.=127.0.0.[2..11]*2 "))
                .isEqualTo(new DnsblZone("bl.example.net", "127.0.0.[2..11]", 2));
        assertThat(DnsblZone.parse("bl.test")).isEqualTo(new DnsblZone("bl.test", null, 1));
        assertThatThrownBy(() -> DnsblZone.parse("bl.test*x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsblZone.parse("bl.test=127.0.2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsblZone.parse("=127.0.0.2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryNamesReverseOctetsAndNibbles() throws Exception {
        DnsblZone zone = DnsblZone.parse("bl.test");
        // RFC 5782 2.1 and 2.4 examples' forms.
        assertThat(zone.queryName(InetAddress.getByName("192.0.2.99"))).isEqualTo("99.2.0.192.bl.test");
        assertThat(zone.queryName(InetAddress.getByName("2001:db8:1:2:3:4:567:89ab")))
                .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bl.test");
    }

    @Test
    void onlyAnswersInsideLoopbackAndTheFilterAreListings() throws Exception {
        DnsblZone any = DnsblZone.parse("bl.test");
        assertThat(any.lists(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(any.lists(InetAddress.getByName("10.0.0.1"))).isFalse();

        DnsblZone filtered = DnsblZone.parse("bl.test=127.0.0.[2..11]");
        assertThat(filtered.lists(InetAddress.getByName("127.0.0.11"))).isTrue();
        assertThat(filtered.lists(InetAddress.getByName("127.0.0.12"))).isFalse();
        assertThat(DnsblZone.parse("bl.test=127.0.1.2").lists(InetAddress.getByName("127.0.1.2"))).isTrue();
        assertThat(DnsblZone.parse("bl.test=127.0.1.2").lists(InetAddress.getByName("127.0.0.2"))).isFalse();
    }
}
