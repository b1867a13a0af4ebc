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
 * The SPF evaluator's view of DNS, answered by the caller's {@link DnsLookup}. A lookup failure
 * becomes the evaluator's timeout, which RFC 7208 2.6.6 reports as temperror; no records is null,
 * which the evaluator reads as "nothing there".
 */
final class JspfDnsService implements DNSService {

    private final DnsLookup dns;

    JspfDnsService(DnsLookup dns) {
        this.dns = dns;
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
