package org.mailplatform.msgauth.dns;

import java.util.List;

/** The outcome of one DNS query; SPF, DKIM and DMARC each tell "no record" apart from "no answer". */
public sealed interface DnsAnswer {

    record Records(List<String> values) implements DnsAnswer {
        public Records {
            values = List.copyOf(values);
        }
    }

    /** The name exists without records of the type (NODATA). */
    record NoRecords() implements DnsAnswer {
    }

    /** NXDOMAIN, or a name that cannot be queried. */
    record NoSuchName() implements DnsAnswer {
    }

    /** Timeout, SERVFAIL or an unreadable answer: a temporary error for the checks. */
    record Failure(String reason) implements DnsAnswer {
    }

    /** The records, or an empty list for NODATA and NXDOMAIN. */
    default List<String> valuesOrEmpty() {
        return this instanceof Records r ? r.values() : List.of();
    }
}
