package org.mailplatform.msgauth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.mailplatform.msgauth.dns.DnsLookup.RecordType;

/**
 * check_host() over a zone held in memory; the records and their evaluation against a real DNS
 * server are the MTA's inbound tests (dnsmasq). Here: the void-lookup limit of RFC 7208 4.6.4.
 */
class SpfVerifierTest {

    private static final String SENDER = "alice@example.org";

    /** name → TXT, plus address records of mx.example.org; every other name does not exist. */
    private static DnsLookup zone(String spfRecord, Map<String, String> moreTxt) {
        return (name, type) -> {
            if (type == RecordType.TXT && name.equals("example.org")) {
                return new DnsAnswer.Records(List.of(spfRecord));
            }
            if (type == RecordType.TXT && moreTxt.containsKey(name)) {
                return new DnsAnswer.Records(List.of(moreTxt.get(name)));
            }
            if (name.equals("mx.example.org")) {
                return type == RecordType.A ? new DnsAnswer.Records(List.of("192.0.2.25")) : new DnsAnswer.NoRecords();
            }
            return new DnsAnswer.NoSuchName();
        };
    }

    private static SpfResult.Outcome check(DnsLookup dns, String client) throws Exception {
        return new SpfVerifier(dns).check(InetAddress.getByName(client), "mx.example.org", SENDER).outcome();
    }

    @Test
    void twoVoidLookupsAreAllowed() throws Exception {
        DnsLookup dns = zone("v=spf1 a:gone1.example.org a:gone2.example.org ip4:192.0.2.1 -all", Map.of());

        assertThat(check(dns, "192.0.2.1")).isEqualTo(SpfResult.Outcome.PASS);
        assertThat(check(dns, "198.51.100.7")).isEqualTo(SpfResult.Outcome.FAIL);
    }

    @Test
    void aThirdVoidLookupMakesThePolicyAPermanentError() throws Exception {
        DnsLookup dns = zone("v=spf1 a:gone1.example.org a:gone2.example.org a:gone3.example.org ip4:192.0.2.1 -all",
                Map.of());

        assertThat(check(dns, "192.0.2.1")).isEqualTo(SpfResult.Outcome.PERMERROR);
    }

    @Test
    void nameErrorsOfExistsAndEmptyAnswersCountAlike() throws Exception {
        // mx.example.org exists with an A record but no AAAA: an empty answer is a void lookup too.
        DnsLookup dns = zone("v=spf1 exists:a.bl.example.org exists:b.bl.example.org include:spf.example.org -all",
                Map.of("spf.example.org", "v=spf1 a:mx.example.org/24 ip6:2001:db8::/32 -all"));

        assertThat(check(dns, "192.0.2.30")).as("two void lookups, then a match through the include")
                .isEqualTo(SpfResult.Outcome.PASS);
        DnsLookup threeVoid = zone("v=spf1 exists:a.bl.example.org exists:b.bl.example.org exists:c.bl.example.org -all",
                Map.of());
        assertThat(check(threeVoid, "192.0.2.30")).isEqualTo(SpfResult.Outcome.PERMERROR);
    }

    @Test
    void aDomainWithoutARecordIsNoneNotAVoidLookupError() throws Exception {
        DnsLookup dns = (name, type) -> new DnsAnswer.NoSuchName();

        assertThat(check(dns, "192.0.2.1")).isEqualTo(SpfResult.Outcome.NONE);
    }
}
