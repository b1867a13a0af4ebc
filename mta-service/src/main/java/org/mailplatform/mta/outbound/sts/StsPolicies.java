package org.mailplatform.mta.outbound.sts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.mailplatform.mta.outbound.tlsrpt.AppliedPolicy;
import org.mailplatform.mta.outbound.tlsrpt.TlsResultType;
import org.mailplatform.mta.outbound.tlsrpt.TlsSessionRecorder;
import org.mailplatform.store.transport.CachedStsPolicy;
import org.mailplatform.store.transport.MtaStsPolicyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy discovery (RFC 8461 3 and 5.1) with the cache all replicas share: the cached policy is
 * used while it is unexpired and the {@code _mta-sts} record's id is unchanged; a new id or an
 * expired policy means a fetch; a fetch that fails leaves the unexpired cached policy in force.
 */
public final class StsPolicies {

    private static final Logger log = LoggerFactory.getLogger(StsPolicies.class);

    private final DnsLookup dns;
    private final MtaStsPolicyRepository cache;
    private final StsPolicyFetcher fetcher;
    private final TlsSessionRecorder recorder;
    private final StsMetrics metrics;
    private final Clock clock;

    public StsPolicies(DnsLookup dns, MtaStsPolicyRepository cache, StsPolicyFetcher fetcher, TlsSessionRecorder recorder,
                       StsMetrics metrics, Clock clock) {
        this.dns = dns;
        this.cache = cache;
        this.fetcher = fetcher;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The policy in force for {@code domain}, if any (mode none included). */
    public Optional<StsPolicy> policyFor(String domain) {
        Instant now = clock.instant();
        Optional<CachedStsPolicy> cached = cache.find(domain).filter(c -> !c.expired(now));
        Optional<StsRecord> record = switch (dns.query("_mta-sts." + domain, DnsLookup.RecordType.TXT)) {
            case DnsAnswer.Records r -> StsRecord.fromTxt(r.values());
            default -> Optional.empty();
        };
        if (record.isEmpty() || cached.isPresent() && cached.get().policyId().equals(record.get().id())) {
            // RFC 8461 3.1 and 5.1: without a (valid) record an unexpired cached policy stays in force.
            return cached.flatMap(StsPolicies::parsed);
        }
        return switch (fetcher.fetch(domain)) {
            case StsPolicyFetcher.Result.Fetched(StsPolicy policy) -> {
                metrics.fetched("fetched");
                cache.save(new CachedStsPolicy(domain, record.get().id(), policy.text(), now, now.plus(policy.maxAge())));
                log.info("MTA-STS policy of {} (id {}): mode {}, mx {}", domain, record.get().id(),
                        policy.mode(), policy.mx());
                yield Optional.of(policy);
            }
            case StsPolicyFetcher.Result.Failed(TlsResultType type, String reason) -> {
                metrics.fetched(switch (type) {
                    case STS_POLICY_INVALID -> "invalid";
                    case STS_WEBPKI_INVALID -> "webpki_invalid";
                    default -> "fetch_error";
                });
                log.warn("MTA-STS policy of {} not fetched ({}): {}{}", domain, type.reportName(), reason,
                        cached.isPresent() ? "; the cached policy stays in force" : "");
                // RFC 8460 4.3.2.2: reported under the policy in force, if any.
                recorder.failure(AppliedPolicy.sts(domain, cached.map(CachedStsPolicy::policy).orElse("")), type, null, reason);
                // RFC 8461 5.1: a failed refresh keeps the unexpired cached policy; with none, deliver as without MTA-STS.
                yield cached.flatMap(StsPolicies::parsed);
            }
        };
    }

    private static Optional<StsPolicy> parsed(CachedStsPolicy cached) {
        try {
            return Optional.of(StsPolicy.parse(cached.policy()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
