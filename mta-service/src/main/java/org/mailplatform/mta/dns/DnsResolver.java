package org.mailplatform.mta.dns;

import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * MX, A and AAAA queries through dnsjava against the configured name servers (or the system's),
 * with a cache of its own that honours the answers' TTLs. Blocking; safe for concurrent use. Also
 * the resolver of the inbound message checks (SPF, DKIM keys, DMARC policies): {@link #query}.
 */
public final class DnsResolver implements DnsLookup {

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /**
     * @param servers name servers to ask (address and port); empty for the system's resolvers
     * @param timeout how long one query may take, retries included
     */
    public DnsResolver(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver extended;
        if (servers.isEmpty()) {
            extended = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                each.add(new SimpleResolver(server));
            }
            extended = new ExtendedResolver(each);
        }
        extended.setTimeout(timeout);
        this.resolver = extended;
    }

    public MxAnswer mx(String domain) {
        Name name = absoluteName(domain);
        if (name == null) {
            return new MxAnswer.NoSuchDomain();
        }
        Lookup lookup = lookup(name, Type.MX);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<MxRecord> mx = new ArrayList<>();
                for (Record r : records) {
                    if (r instanceof MXRecord m) {
                        mx.add(new MxRecord(m.getPriority(), hostName(m.getTarget())));
                    }
                }
                yield mx.isEmpty() ? new MxAnswer.NoRecords() : new MxAnswer.Records(mx);
            }
            case Lookup.TYPE_NOT_FOUND -> new MxAnswer.NoRecords();
            case Lookup.HOST_NOT_FOUND -> new MxAnswer.NoSuchDomain();
            default -> new MxAnswer.Failure("MX lookup for " + domain + ": " + lookup.getErrorString());
        };
    }

    /** One query of the kind SPF, DKIM and DMARC make; TXT values are each record's strings joined. */
    @Override
    public DnsAnswer query(String domain, RecordType type) {
        Name name = absoluteName(domain);
        if (name == null) {
            return new DnsAnswer.NoSuchName();
        }
        int dnsType = switch (type) {
            case A -> Type.A;
            case AAAA -> Type.AAAA;
            case MX -> Type.MX;
            case TXT -> Type.TXT;
            case PTR -> Type.PTR;
        };
        Lookup lookup = lookup(name, dnsType);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<String> values = new ArrayList<>();
                for (Record r : records) {
                    switch (r) {
                        case ARecord a -> values.add(a.getAddress().getHostAddress());
                        case AAAARecord a -> values.add(a.getAddress().getHostAddress());
                        case MXRecord m -> values.add(hostName(m.getTarget()));
                        case PTRRecord p -> values.add(hostName(p.getTarget()));
                        case TXTRecord t -> values.add(String.join("", t.getStrings()));
                        default -> {
                        }
                    }
                }
                yield values.isEmpty() ? new DnsAnswer.NoRecords() : new DnsAnswer.Records(values);
            }
            case Lookup.TYPE_NOT_FOUND -> new DnsAnswer.NoRecords();
            case Lookup.HOST_NOT_FOUND -> new DnsAnswer.NoSuchName();
            default -> new DnsAnswer.Failure(type + " lookup for " + domain + ": " + lookup.getErrorString());
        };
    }

    public AddressAnswer addresses(String host) {
        Name name = absoluteName(host);
        if (name == null) {
            return new AddressAnswer.NoSuchHost();
        }
        Lookup v4 = lookup(name, Type.A);
        Record[] a = v4.run();
        Lookup v6 = lookup(name, Type.AAAA);
        Record[] aaaa = v6.run();
        List<InetAddress> found = new ArrayList<>();
        if (v4.getResult() == Lookup.SUCCESSFUL) {
            for (Record r : a) {
                if (r instanceof ARecord ar) {
                    found.add(ar.getAddress());
                }
            }
        }
        if (v6.getResult() == Lookup.SUCCESSFUL) {
            for (Record r : aaaa) {
                if (r instanceof AAAARecord ar) {
                    found.add(ar.getAddress());
                }
            }
        }
        if (!found.isEmpty()) {
            return new AddressAnswer.Addresses(found);
        }
        if (failed(v4) || failed(v6)) {
            return new AddressAnswer.Failure("address lookup for " + host + ": "
                    + (failed(v4) ? v4.getErrorString() : v6.getErrorString()));
        }
        if (v4.getResult() == Lookup.HOST_NOT_FOUND && v6.getResult() == Lookup.HOST_NOT_FOUND) {
            return new AddressAnswer.NoSuchHost();
        }
        return new AddressAnswer.NoAddresses();
    }

    /** The A records of {@code name} alone: what a DNS blocklist answers (RFC 5782 2.1). */
    public AddressAnswer ipv4Addresses(String name) {
        Name absolute = absoluteName(name);
        if (absolute == null) {
            return new AddressAnswer.NoSuchHost();
        }
        Lookup v4 = lookup(absolute, Type.A);
        Record[] a = v4.run();
        return switch (v4.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<InetAddress> found = new ArrayList<>();
                for (Record r : a) {
                    if (r instanceof ARecord ar) {
                        found.add(ar.getAddress());
                    }
                }
                yield found.isEmpty() ? new AddressAnswer.NoAddresses() : new AddressAnswer.Addresses(found);
            }
            case Lookup.TYPE_NOT_FOUND -> new AddressAnswer.NoAddresses();
            case Lookup.HOST_NOT_FOUND -> new AddressAnswer.NoSuchHost();
            default -> new AddressAnswer.Failure("A lookup for " + name + ": " + v4.getErrorString());
        };
    }

    private static boolean failed(Lookup lookup) {
        int result = lookup.getResult();
        return result == Lookup.TRY_AGAIN || result == Lookup.UNRECOVERABLE;
    }

    private Lookup lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        return lookup;
    }

    /** RFC 5890: queries use A-labels; names are made absolute so no search list applies. */
    public static Name absoluteName(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        try {
            String ascii = IDN.toASCII(domain.strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (ascii.isEmpty()) {
                return null;
            }
            return Name.fromString(ascii.endsWith(".") ? ascii : ascii + ".");
        } catch (IllegalArgumentException | TextParseException e) {
            return null;
        }
    }

    private static String hostName(Name name) {
        String text = name.toString(true);
        return text.equals(".") ? "" : text.toLowerCase(Locale.ROOT);
    }
}
