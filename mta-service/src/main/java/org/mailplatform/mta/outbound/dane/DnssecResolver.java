package org.mailplatform.mta.outbound.dane;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNS queries whose answers this process validates itself (RFC 4033-4035) with dnsjava's
 * validating resolver, from a configured trust anchor down. The name servers asked only have to
 * pass the DNSSEC records along (they are queried with the DO and CD bits); they need not
 * validate, and their AD bit is never trusted. Blocking; safe for concurrent use.
 */
public final class DnssecResolver {

    private final ValidatingResolver resolver;
    private final List<InetSocketAddress> servers;

    /**
     * @param servers      name servers to ask (address and port); empty for the system's
     * @param timeout      how long one query may take, retries included
     * @param trustAnchors DS or DNSKEY records in zone file format (the root's, or a test zone's)
     */
    public DnssecResolver(List<InetSocketAddress> servers, Duration timeout, InputStream trustAnchors) throws IOException {
        this.servers = List.copyOf(servers);
        ExtendedResolver head;
        if (servers.isEmpty()) {
            head = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                each.add(new SimpleResolver(server));
            }
            head = new ExtendedResolver(each);
        }
        head.setTimeout(timeout);
        resolver = new ValidatingResolver(head);
        resolver.loadTrustAnchors(trustAnchors);
        if (resolver.getTrustAnchors().items().isEmpty()) {
            throw new IOException("no DS or DNSKEY record in the trust anchor");
        }
    }

    /** The owner names of the trust anchors: the root's by default, a test zone's in tests. */
    public List<Name> trustAnchorNames() {
        return resolver.getTrustAnchors().items().stream().map(RRset::getName).distinct().toList();
    }

    /** The name servers asked, for the log: the configured ones, or the system's. */
    public String servers() {
        List<InetSocketAddress> asked = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
        return asked.isEmpty() ? "(none configured)"
                : asked.stream().map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(", "));
    }

    public DnssecAnswer query(Name name, int type) {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException | RuntimeException e) {
            return DnssecAnswer.failed(name, Type.string(type) + " lookup for " + name + ": " + e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            // The validator answers SERVFAIL with its reason attached when the data is bogus.
            String reason = validationReason(response);
            return reason != null
                    ? new DnssecAnswer(DnssecStatus.BOGUS, List.of(), name, Type.string(type) + " " + name + ": " + reason)
                    : DnssecAnswer.failed(name, Type.string(type) + " lookup for " + name + ": SERVFAIL");
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return DnssecAnswer.failed(name, Type.string(type) + " lookup for " + name + ": " + Rcode.string(rcode));
        }
        DnssecStatus status = response.getHeader().getFlag(Flags.AD) ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
        Name target = name;
        List<Record> answers = response.getSection(Section.ANSWER);
        // RFC 7672 2.2.2: the name a CNAME chain ends at is where the records (and TLSA) are.
        for (int hops = 0; hops < answers.size(); hops++) {
            Name from = target;
            CNAMERecord alias = (CNAMERecord) answers.stream()
                    .filter(r -> r instanceof CNAMERecord && r.getName().equals(from)).findFirst().orElse(null);
            if (alias == null) {
                break;
            }
            target = alias.getTarget();
        }
        Name finalName = target;
        List<Record> records = answers.stream().filter(r -> r.getType() == type && r.getName().equals(finalName)).toList();
        return new DnssecAnswer(status, records, finalName, null);
    }

    private static String validationReason(Message response) {
        for (RRset set : response.getSectionRRsets(Section.ADDITIONAL)) {
            if (set.getName().equals(Name.root) && set.getType() == Type.TXT
                    && set.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return String.join("", ((TXTRecord) set.first()).getStrings());
            }
        }
        return null;
    }
}
