package org.mailplatform.msgauth.spf;

import java.net.InetAddress;
import java.util.Locale;

import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks whether a client address may send for a domain (RFC 7208 4, check_host()). The record
 * evaluation (mechanisms, macros, the ten-lookup limit of 4.6.4) is Apache jSPF's; the void-lookup
 * limit of 4.6.4 is counted here; DNS is the caller's {@link DnsLookup}. jSPF's terms are wired to
 * the DNS view they were parsed with, so each check has an evaluator of its own.
 */
public final class SpfVerifier {

    private static final Logger log = LoggerFactory.getLogger(SpfVerifier.class);

    private final DnsLookup dns;

    public SpfVerifier(DnsLookup dns) {
        this.dns = dns;
    }

    /**
     * @param client   the SMTP client's address
     * @param helo     the EHLO/HELO name
     * @param mailFrom the reverse-path without brackets; empty for the null sender, in which case
     *                 the HELO identity is checked as {@code postmaster@helo} (RFC 7208 2.4)
     */
    public SpfResult check(InetAddress client, String helo, String mailFrom) {
        String heloName = helo == null ? "" : helo.strip();
        boolean nullSender = mailFrom == null || mailFrom.isBlank();
        String sender = nullSender ? "postmaster@" + heloName : mailFrom;
        String domain = domainOf(sender);
        String identity = nullSender ? "helo" : "mailfrom";
        if (domain.isEmpty() || !domain.contains(".")) {
            // RFC 7208 4.3: a domain that is not a multi-label FQDN gives none.
            return new SpfResult(SpfResult.Outcome.NONE, identity, domain, sender);
        }
        SpfResult.Outcome outcome;
        JspfDnsService lookups = new JspfDnsService(dns);
        try {
            SPFResult result = new SPF(lookups).checkSPF(client.getHostAddress(), sender, heloName);
            outcome = lookups.voidLookupLimitExceeded() ? SpfResult.Outcome.PERMERROR : outcome(result.getResult());
        } catch (RuntimeException e) {
            log.warn("SPF evaluation for {} from {} failed: {}", sender, client.getHostAddress(), e.toString());
            outcome = SpfResult.Outcome.TEMPERROR;
        }
        return new SpfResult(outcome, identity, domain, sender);
    }

    private static SpfResult.Outcome outcome(String keyword) {
        if (keyword == null) {
            return SpfResult.Outcome.TEMPERROR;
        }
        return switch (keyword.toLowerCase(Locale.ROOT)) {
            case "pass" -> SpfResult.Outcome.PASS;
            case "fail" -> SpfResult.Outcome.FAIL;
            case "softfail" -> SpfResult.Outcome.SOFTFAIL;
            case "neutral" -> SpfResult.Outcome.NEUTRAL;
            case "none" -> SpfResult.Outcome.NONE;
            case "temperror" -> SpfResult.Outcome.TEMPERROR;
            default -> SpfResult.Outcome.PERMERROR;
        };
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? address : address.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.toLowerCase(Locale.ROOT);
    }
}
