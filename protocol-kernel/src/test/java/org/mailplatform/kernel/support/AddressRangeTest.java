package org.mailplatform.kernel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void matchesAddressesInsideTheBlockOnly() throws Exception {
        AddressRange range = AddressRange.parse("10.1.0.0/16");

        assertThat(range.contains(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("::ffff:a01:1"))).as("IPv4-mapped IPv6 is the IPv4 address").isTrue();
        assertThat(range).hasToString("10.1.0.0/16");
    }

    @Test
    void handlesIpv6SingleAddressesAndOddPrefixes() throws Exception {
        List<AddressRange> ranges = AddressRange.parseAll(List.of("fd00::/8", "192.0.2.10", "198.51.100.128/25"));

        assertThat(AddressRange.anyContains(ranges, InetAddress.getByName("fd12:3456::1"))).isTrue();
        assertThat(AddressRange.anyContains(ranges, InetAddress.getByName("fe80::1"))).isFalse();
        assertThat(AddressRange.anyContains(ranges, InetAddress.getByName("192.0.2.10"))).isTrue();
        assertThat(AddressRange.anyContains(ranges, InetAddress.getByName("192.0.2.11"))).isFalse();
        assertThat(AddressRange.anyContains(ranges, InetAddress.getByName("198.51.100.200"))).isTrue();
        assertThat(AddressRange.anyContains(ranges, InetAddress.getByName("198.51.100.127"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
    }

    @Test
    void refusesHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> AddressRange.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
