package org.mailplatform.mta.inbound;

import java.net.InetAddress;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.mta.dnsbl.DnsblChecker;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect-time step of port 25: a client whose address the DNS blocklists list with enough
 * weight is refused with 554 5.7.1 (RFC 5782, RFC 5321 3.1). Meters: {@value #LISTINGS}
 * {@code zone} per listing found, {@value #REFUSALS} per refused connection.
 */
public final class ClientBlocklists {

    public static final String LISTINGS = "mail.mta.dnsbl.listings";
    public static final String REFUSALS = "mail.mta.dnsbl.refusals";

    private static final Logger log = LoggerFactory.getLogger(ClientBlocklists.class);

    private final DnsblChecker checker;
    private final int threshold;
    private final MeterRegistry registry;

    public ClientBlocklists(DnsblChecker checker, int threshold, MeterRegistry registry) {
        this.checker = checker;
        this.threshold = threshold;
        this.registry = registry;
    }

    public static DnsblChecker.Observer listingCounter(MeterRegistry registry) {
        return zone -> Counter.builder(LISTINGS).description("Client addresses found on a DNS blocklist, by zone")
                .tag("zone", zone.zone()).register(registry).increment();
    }

    /** @return the refusal, or null to greet the client */
    public SmtpReply check(SmtpSessionInfo session) {
        if (checker.isEmpty() || session.clientAddress() == null) {
            return null;
        }
        InetAddress client = session.clientAddress().getAddress();
        DnsblChecker.Result result = checker.check(client);
        if (result.score() < threshold) {
            return null;
        }
        String zones = result.listedBy().stream().map(z -> z.zone()).collect(Collectors.joining(", "));
        log.info("session {}: client {} listed by {} (score {}), refused", session.sessionId(), client.getHostAddress(),
                zones, result.score());
        Counter.builder(REFUSALS).description("Connections refused on DNS blocklist listings").register(registry)
                .increment();
        return SmtpReply.of(554, "5.7.1", "Service unavailable; client [" + client.getHostAddress()
                + "] blocked using " + zones);
    }
}
