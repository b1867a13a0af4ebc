package org.mailplatform.mta.dnsbl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.mailplatform.mta.dns.AddressAnswer;
import org.mailplatform.mta.dns.DnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks a connecting client up in every configured DNS blocklist at once (RFC 5782) and adds the
 * weights of the zones that list it, as postscreen does. A zone that can't be asked counts as not
 * listing: a blocklist outage must not stop mail.
 */
public final class DnsblChecker {

    private static final Logger log = LoggerFactory.getLogger(DnsblChecker.class);

    /** What the blocklists said about one client. */
    public record Result(int score, List<DnsblZone> listedBy) {
        public Result {
            listedBy = List.copyOf(listedBy);
        }
    }

    /** Told of each listing, for metrics. */
    @FunctionalInterface
    public interface Observer {
        void listed(DnsblZone zone);
    }

    private final List<DnsblZone> zones;
    private final DnsResolver dns;
    private final Observer observer;

    public DnsblChecker(List<DnsblZone> zones, DnsResolver dns, Observer observer) {
        this.zones = List.copyOf(zones);
        this.dns = dns;
        this.observer = observer;
    }

    public boolean isEmpty() {
        return zones.isEmpty();
    }

    public Result check(InetAddress client) {
        if (zones.isEmpty() || client == null) {
            return new Result(0, List.of());
        }
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DnsblZone zone : zones) {
                answers.add(lookups.submit(() -> listed(zone, client)));
            }
            int score = 0;
            List<DnsblZone> listedBy = new ArrayList<>();
            for (int i = 0; i < zones.size(); i++) {
                if (Boolean.TRUE.equals(answer(answers.get(i)))) {
                    DnsblZone zone = zones.get(i);
                    observer.listed(zone);
                    listedBy.add(zone);
                    score += zone.weight();
                }
            }
            return new Result(score, listedBy);
        }
    }

    private boolean listed(DnsblZone zone, InetAddress client) {
        String name = zone.queryName(client);
        return switch (dns.ipv4Addresses(name)) {
            case AddressAnswer.Addresses found -> found.addresses().stream().anyMatch(zone::lists);
            case AddressAnswer.Failure failure -> {
                log.warn("DNSBL {} not consulted for {}: {}", zone, client.getHostAddress(), failure.reason());
                yield false;
            }
            default -> false;
        };
    }

    private static Boolean answer(Future<Boolean> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            log.warn("DNSBL lookup failed: {}", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
