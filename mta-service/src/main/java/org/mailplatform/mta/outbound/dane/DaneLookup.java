package org.mailplatform.mta.outbound.dane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mailplatform.mta.dns.DnsResolver;
import org.mailplatform.mta.dns.MailHost;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Decides, from validated DNS answers, whether DANE governs the delivery to a domain's MX hosts
 * and what it asks of each (RFC 7672 2.2): a secure MX RRset, then per host secure address
 * records, then a secure TLSA RRset at {@code _25._tcp.<host>}.
 */
public final class DaneLookup {

    private final DnssecResolver dns;
    private final DnssecResolverProbe resolverProbe;
    private final boolean requireDnssecResolver;
    private final DaneMetrics metrics;

    /**
     * @param resolverProbe         whether the DNS servers pass DNSSEC along
     * @param requireDnssecResolver validate (and so defer on bogus answers) even while they do not
     */
    public DaneLookup(DnssecResolver dns, DnssecResolverProbe resolverProbe, boolean requireDnssecResolver,
                      DaneMetrics metrics) {
        this.dns = dns;
        this.resolverProbe = resolverProbe;
        this.requireDnssecResolver = requireDnssecResolver;
        this.metrics = metrics;
    }

    /** @param hosts the domain's MX hosts (or the domain itself as implicit MX), as the route resolved them */
    public DaneDestination lookup(String domain, List<MailHost> hosts) {
        Name name = DnsResolver.absoluteName(domain);
        if (name == null) {
            return DaneDestination.NONE;
        }
        if (!requireDnssecResolver && !resolverProbe.available()) {
            // Servers that strip DNSSEC make every answer bogus; RFC 7672 2.1.1's deferral would then
            // hold all mail. As without a validating resolver, the MX RRset counts as insecure
            // (RFC 7672 2.2.1); DnssecResolverProbe explains what that costs.
            return DaneDestination.NONE;
        }
        DnssecAnswer mx = query("mx", name, Type.MX);
        switch (mx.status()) {
            case INSECURE -> {
                // RFC 7672 2.2.1: an insecure MX RRset is no ground for DANE; opportunistic TLS as before.
                return DaneDestination.NONE;
            }
            case BOGUS -> {
                // RFC 7672 2.1.1: bogus answers are a temporary failure; the mail waits for DNS to be fixed.
                resolverProbe.lookupFailed();
                return DaneDestination.deferred("4.7.5", "DNSSEC validation of the MX records of " + domain + " failed: " + mx.reason());
            }
            case FAILED -> {
                resolverProbe.lookupFailed();
                return DaneDestination.deferred("4.4.3", "cannot tell whether DANE protects " + domain + ": " + mx.reason());
            }
            case SECURE -> {
                Map<String, DanePolicy> policies = new LinkedHashMap<>();
                for (MailHost host : hosts) {
                    policies.computeIfAbsent(host.name(), this::hostPolicy);
                }
                return DaneDestination.of(policies, metrics);
            }
        }
        throw new IllegalStateException("unknown DNSSEC status " + mx.status());
    }

    /** RFC 7672 2.2.2: the TLSA records of a host count only when its address records are secure too. */
    DanePolicy hostPolicy(String hostName) {
        Name host = DnsResolver.absoluteName(hostName);
        if (host == null) {
            return new DanePolicy.NotApplicable();
        }
        DnssecAnswer address = query("address", host, Type.A);
        if (address.secure() && address.records().isEmpty()) {
            address = query("address", host, Type.AAAA);
        }
        switch (address.status()) {
            case INSECURE -> {
                return new DanePolicy.NotApplicable();
            }
            case BOGUS, FAILED -> {
                return new DanePolicy.Unusable("address records of " + hostName + ": " + address.reason());
            }
            case SECURE -> {
                // RFC 7672 2.2.2: after a secure CNAME chain the TLSA records are looked for at the
                // name it ends at first, then at the MX host name itself.
                List<Name> bases = new ArrayList<>();
                bases.add(address.finalName());
                if (!address.finalName().equals(host)) {
                    bases.add(host);
                }
                List<String> referenceNames = bases.stream().map(DaneLookup::text).distinct().toList();
                for (Name base : bases) {
                    DanePolicy policy = tlsaPolicy(base, referenceNames);
                    if (policy != null) {
                        return policy;
                    }
                }
                return new DanePolicy.NotApplicable();
            }
        }
        throw new IllegalStateException("unknown DNSSEC status " + address.status());
    }

    /** The policy a TLSA RRset at {@code base} makes, or null when there is no secure one. */
    private DanePolicy tlsaPolicy(Name base, List<String> referenceNames) {
        Name tlsaName;
        try {
            tlsaName = new Name("_25._tcp", base);
        } catch (TextParseException e) {
            return new DanePolicy.Unusable("no TLSA name for " + base + ": " + e.getMessage());
        }
        DnssecAnswer answer = query("tlsa", tlsaName, Type.TLSA);
        return switch (answer.status()) {
            case INSECURE -> null;
            // RFC 7672 2.2.3: a TLSA lookup that fails leaves the host unusable, never unprotected.
            case BOGUS, FAILED -> new DanePolicy.Unusable("TLSA records of " + text(base) + ": " + answer.reason());
            case SECURE -> {
                if (answer.records().isEmpty()) {
                    yield null;
                }
                List<TlsaAssociation> usable = new ArrayList<>();
                for (Record r : answer.records()) {
                    TlsaAssociation association = TlsaAssociation.of((TLSARecord) r);
                    if (association.usable()) {
                        usable.add(association);
                    }
                }
                String name = text(tlsaName);
                yield usable.isEmpty() ? new DanePolicy.EncryptOnly(name)
                        : new DanePolicy.Authenticate(usable, name, referenceNames);
            }
        };
    }

    private DnssecAnswer query(String kind, Name name, int type) {
        DnssecAnswer answer = dns.query(name, type);
        metrics.lookup(kind, answer.status());
        return answer;
    }

    private static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }
}
