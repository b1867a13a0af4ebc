package org.mailplatform.mta.dns;

import java.util.List;

/** The answer to an MX query. */
public sealed interface MxAnswer {

    /** The domain has MX records. */
    record Records(List<MxRecord> records) implements MxAnswer {
        public Records {
            records = List.copyOf(records);
        }
    }

    /** The name exists but has no MX records (NODATA): RFC 5321 5.1 falls back to its address. */
    record NoRecords() implements MxAnswer {
    }

    /** The name does not exist (NXDOMAIN), or is not a valid domain name. */
    record NoSuchDomain() implements MxAnswer {
    }

    /** No answer this time (timeout, SERVFAIL, unreadable response): worth asking again later. */
    record Failure(String reason) implements MxAnswer {
    }
}
