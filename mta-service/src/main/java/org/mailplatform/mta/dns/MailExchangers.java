package org.mailplatform.mta.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Turns a domain into the ordered list of addresses its mail goes to (RFC 5321 5.1).
 */
public final class MailExchangers {

    private final DnsResolver dns;
    private final String ownHostname;
    private final RandomGenerator random;
    private final int maxAddresses;

    /**
     * @param ownHostname  this MTA's name; MX records at or above its preference are dropped
     * @param maxAddresses most addresses tried per delivery attempt (Postfix: smtp_mx_address_limit)
     */
    public MailExchangers(DnsResolver dns, String ownHostname, RandomGenerator random, int maxAddresses) {
        this.dns = dns;
        this.ownHostname = ownHostname == null ? "" : ownHostname.toLowerCase(Locale.ROOT);
        this.random = random;
        this.maxAddresses = maxAddresses;
    }

    public Destination forDomain(String domain) {
        return switch (dns.mx(domain)) {
            case MxAnswer.Records(List<MxRecord> records) -> fromMx(domain, records);
            // RFC 5321 5.1: no MX means the domain itself is the implicit MX, preference 0.
            case MxAnswer.NoRecords() -> implicitMx(domain);
            case MxAnswer.NoSuchDomain() -> new Destination.Unreachable(true, "5.1.2",
                    "Host or domain name not found: " + domain + " (NXDOMAIN)");
            case MxAnswer.Failure(String reason) -> new Destination.Unreachable(false, "4.4.3",
                    "DNS lookup failed: " + reason);
        };
    }

    /** A configured next hop (transport table, smart host): its addresses, no MX lookup. */
    public Destination forHost(String host) {
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            return new Destination.Hosts(List.of(new MailHost(host, literal)));
        }
        return switch (dns.addresses(host)) {
            case AddressAnswer.Addresses(List<InetAddress> addresses) -> new Destination.Hosts(limit(
                    addresses.stream().map(a -> new MailHost(host, a)).toList()));
            case AddressAnswer.Failure(String reason) -> new Destination.Unreachable(false, "4.4.3",
                    "DNS lookup failed: " + reason);
            // A configured relay that does not resolve is a configuration problem: the mail waits.
            case AddressAnswer.NoAddresses() -> new Destination.Unreachable(false, "4.4.3",
                    "no address records for relay host " + host);
            case AddressAnswer.NoSuchHost() -> new Destination.Unreachable(false, "4.4.3",
                    "relay host not found: " + host);
        };
    }

    private Destination fromMx(String domain, List<MxRecord> records) {
        List<MxRecord> usable = records.stream().filter(r -> !r.isNull()).toList();
        if (usable.isEmpty()) {
            // RFC 7505 3 and 4.1: a null MX says the domain accepts no mail; fail at once with 5.1.10.
            return new Destination.Unreachable(true, "5.1.10",
                    "Domain " + domain + " does not accept mail (null MX, RFC 7505)");
        }
        List<MxRecord> ordered = ordered(usable);
        // RFC 5321 5.1: if this host is one of the exchangers, only those preferred over it may be used.
        int own = ordered.stream().filter(r -> r.exchange().equals(ownHostname)).mapToInt(MxRecord::preference)
                .min().orElse(Integer.MAX_VALUE);
        List<MxRecord> candidates = ordered.stream().filter(r -> r.preference() < own).toList();
        if (candidates.isEmpty()) {
            return new Destination.Unreachable(true, "5.4.6",
                    "mail for " + domain + " loops back to myself (" + ownHostname + " is its best MX)");
        }
        List<MailHost> hosts = new ArrayList<>();
        String lastFailure = null;
        for (MxRecord mx : candidates) {
            switch (dns.addresses(mx.exchange())) {
                case AddressAnswer.Addresses(List<InetAddress> addresses) ->
                        addresses.forEach(a -> hosts.add(new MailHost(mx.exchange(), a)));
                case AddressAnswer.Failure(String reason) -> lastFailure = reason;
                case AddressAnswer.NoAddresses() -> {
                }
                case AddressAnswer.NoSuchHost() -> {
                }
            }
        }
        if (!hosts.isEmpty()) {
            return new Destination.Hosts(limit(hosts));
        }
        if (lastFailure != null) {
            return new Destination.Unreachable(false, "4.4.3", "DNS lookup failed: " + lastFailure);
        }
        // RFC 3463 X.4.4: unable to route; no exchanger has an address.
        return new Destination.Unreachable(true, "5.4.4", "no address records for any MX host of " + domain);
    }

    private Destination implicitMx(String domain) {
        return switch (dns.addresses(domain)) {
            case AddressAnswer.Addresses(List<InetAddress> addresses) -> new Destination.Hosts(limit(
                    addresses.stream().map(a -> new MailHost(domain, a)).toList()));
            case AddressAnswer.Failure(String reason) -> new Destination.Unreachable(false, "4.4.3",
                    "DNS lookup failed: " + reason);
            case AddressAnswer.NoAddresses() -> new Destination.Unreachable(true, "5.1.2",
                    "Domain " + domain + " has no MX and no address records");
            case AddressAnswer.NoSuchHost() -> new Destination.Unreachable(true, "5.1.2",
                    "Host or domain name not found: " + domain);
        };
    }

    /** RFC 5321 5.1: ascending preference; records of equal preference in random order. */
    List<MxRecord> ordered(List<MxRecord> records) {
        List<MxRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, random);
        shuffled.sort(Comparator.comparingInt(MxRecord::preference));
        return shuffled;
    }

    private List<MailHost> limit(List<MailHost> hosts) {
        return hosts.size() <= maxAddresses ? hosts : hosts.subList(0, maxAddresses);
    }
}
