package org.mailplatform.msgauth.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.mailplatform.msgauth.AuthorDomain;
import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.dkim.DkimResult;
import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.mailplatform.msgauth.spf.SpfResult;

/**
 * DMARC (RFC 7489): finds the author domain's policy record (6.6.3, falling back to the
 * Organizational Domain's), and passes the message when SPF or DKIM passed for a domain aligned
 * with the author domain (3.1), relaxed or strict as the record asks.
 */
public final class DmarcVerifier {

    private final DnsLookup dns;
    private final PublicSuffixList suffixes;
    private final RandomGenerator random;

    public DmarcVerifier(DnsLookup dns, PublicSuffixList suffixes, RandomGenerator random) {
        this.dns = dns;
        this.suffixes = suffixes;
        this.random = random;
    }

    /**
     * @param message the message as received
     * @param spf     the SPF result, or null when SPF was not checked
     * @param dkim    the DKIM results (empty when unsigned or not checked)
     */
    public DmarcResult verify(byte[] message, SpfResult spf, List<DkimResult> dkim) {
        String from = AuthorDomain.of(HeaderSection.of(message).values("From")).orElse(null);
        if (from == null) {
            // 6.6.1: without exactly one author domain DMARC cannot be applied.
            return new DmarcResult(DmarcResult.Outcome.PERMERROR, null, null, DmarcRecord.Policy.NONE,
                    "no single RFC5322.From domain");
        }
        String organizational = suffixes.organizationalDomain(from);
        Discovery discovery = discover(from, organizational);
        if (discovery.error() != null) {
            return new DmarcResult(DmarcResult.Outcome.TEMPERROR, from, null, DmarcRecord.Policy.NONE, discovery.error());
        }
        DmarcRecord record = discovery.record();
        if (record == null) {
            return new DmarcResult(DmarcResult.Outcome.NONE, from, null, DmarcRecord.Policy.NONE, "no policy record");
        }
        DmarcRecord.Policy policy = discovery.atOrganizationalDomain() && !from.equals(organizational)
                ? record.subdomainPolicy() : record.policy();
        List<String> aligned = new ArrayList<>();
        for (DkimResult r : dkim) {
            if (r.passed() && r.domain() != null && aligned(r.domain(), from, record.strictDkim())) {
                aligned.add("dkim " + r.domain());
                break;
            }
        }
        // RFC 7489 4.1 with RFC 7208 2.4: for the null reverse-path the HELO identity is the one SPF checked.
        if (spf != null && spf.outcome() == SpfResult.Outcome.PASS && aligned(spf.domain(), from, record.strictSpf())) {
            aligned.add("spf " + spf.domain());
        }
        String summary = "p=" + policy.keyword() + " pct=" + record.percent();
        if (!aligned.isEmpty()) {
            return new DmarcResult(DmarcResult.Outcome.PASS, from, policy, DmarcRecord.Policy.NONE,
                    summary + ", aligned " + String.join(", ", aligned));
        }
        DmarcRecord.Policy disposition = policy;
        // 6.6.4: a message not selected by pct= gets the next less strict policy.
        if (record.percent() < 100 && random.nextInt(100) >= record.percent()) {
            disposition = policy == DmarcRecord.Policy.REJECT ? DmarcRecord.Policy.QUARANTINE : DmarcRecord.Policy.NONE;
        }
        return new DmarcResult(DmarcResult.Outcome.FAIL, from, policy, disposition,
                summary + " dis=" + disposition.keyword() + ", no aligned SPF or DKIM pass");
    }

    private boolean aligned(String authenticated, String from, boolean strict) {
        String a = stripDot(authenticated.toLowerCase(java.util.Locale.ROOT));
        try {
            a = java.net.IDN.toASCII(a, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (strict) {
            return a.equals(from);
        }
        return suffixes.organizationalDomain(a).equals(suffixes.organizationalDomain(from));
    }

    private record Discovery(DmarcRecord record, boolean atOrganizationalDomain, String error) {
    }

    /** 6.6.3: the author domain's record, else the Organizational Domain's; a DNS failure is temperror. */
    private Discovery discover(String from, String organizational) {
        Lookup own = lookup(from);
        if (own.error() != null) {
            return new Discovery(null, false, own.error());
        }
        if (own.found() || from.equals(organizational)) {
            return new Discovery(own.record(), false, null);
        }
        Lookup org = lookup(organizational);
        return new Discovery(org.record(), true, org.error());
    }

    /** @param found true when the name had at least one DMARC record, usable or not */
    private record Lookup(DmarcRecord record, boolean found, String error) {
    }

    private Lookup lookup(String domain) {
        DnsAnswer answer = dns.query("_dmarc." + domain, DnsLookup.RecordType.TXT);
        if (answer instanceof DnsAnswer.Failure(String reason)) {
            return new Lookup(null, false, "policy lookup failed: " + reason);
        }
        List<String> records = answer.valuesOrEmpty().stream().filter(DmarcRecord::isDmarc).toList();
        // 6.6.3: only an empty set goes on to the Organizational Domain; several records end discovery.
        if (records.size() != 1) {
            return new Lookup(null, !records.isEmpty(), null);
        }
        return new Lookup(DmarcRecord.parse(records.getFirst()), true, null);
    }

    private static String stripDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
