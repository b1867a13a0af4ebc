package org.mailplatform.mta.outbound.dane;

import java.util.List;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One validated answer.
 *
 * @param status    what validation made of it
 * @param records   the records of the queried type at {@code finalName}; empty for NODATA and NXDOMAIN
 * @param finalName the name the answer's CNAME chain ends at, the query name when there is none
 * @param reason    why it is bogus or failed; null otherwise
 */
public record DnssecAnswer(DnssecStatus status, List<Record> records, Name finalName, String reason) {

    public DnssecAnswer {
        records = List.copyOf(records);
    }

    static DnssecAnswer failed(Name name, String reason) {
        return new DnssecAnswer(DnssecStatus.FAILED, List.of(), name, reason);
    }

    public boolean secure() {
        return status == DnssecStatus.SECURE;
    }
}
