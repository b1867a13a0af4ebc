package org.mailplatform.msgauth.spf;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;
import org.mailplatform.msgauth.dns.DnsLookup.RecordType;

/**
 * The SPF evaluator's view of DNS for one check_host() evaluation, answered by the caller's
 * {@link DnsLookup}. A lookup failure becomes the evaluator's timeout, which RFC 7208 2.6.6 reports
 * as temperror; no records is null, which the evaluator reads as "nothing there".
 *
 * <p>It also counts void lookups (RFC 7208 4.6.4: answers with no records, NODATA or NXDOMAIN),
 * which the evaluator does not: past {@link #VOID_LOOKUP_LIMIT} the check's result is permerror. The
 * first query, the checked domain's own record, is not one: a domain without a record is "none"
 * (4.5).
 */
final class JspfDnsService implements DNSService {

    /** RFC 7208 4.6.4: "SPF implementations SHOULD limit 'void lookups' to two." */
    static final int VOID_LOOKUP_LIMIT = 2;

    private final DnsLookup dns;
    private int queries;
    private int voidLookups;

    JspfDnsService(DnsLookup dns) {
        this.dns = dns;
    }

    /** Whether the evaluation met more void lookups than the limit allows. */
    synchronized boolean voidLookupLimitExceeded() {
        return voidLookups > VOID_LOOKUP_LIMIT;
    }

    private synchronized void counted(boolean empty) {
        if (empty && queries > 0) {
            voidLookups++;
        }
        queries++;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        RecordType type = switch (request.getRecordType()) {
            case DNSRequest.A -> RecordType.A;
            case DNSRequest.AAAA -> RecordType.AAAA;
            case DNSRequest.MX -> RecordType.MX;
            case DNSRequest.PTR -> RecordType.PTR;
            case DNSRequest.TXT -> RecordType.TXT;
            // RFC 7208 3.1 and 14.1: the SPF RR type is obsolete; only TXT is consulted.
            default -> null;
        };
        if (type == null) {
            return null;
        }
        String name = request.getHostname();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        DnsAnswer answer = dns.query(name, type);
        if (answer instanceof DnsAnswer.Failure(String reason)) {
            throw new TimeoutException(reason);
        }
        List<String> values = answer.valuesOrEmpty();
        counted(values.isEmpty());
        return values.isEmpty() ? null : values;
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of();
    }

    @Override
    public void setTimeOut(int timeOut) {
        // The caller's resolver owns its timeout.
    }

    @Override
    public int getRecordLimit() {
        return 0;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        // RFC 7208 4.6.4's limits are the evaluator's; the resolver returns whole answers.
    }
}
