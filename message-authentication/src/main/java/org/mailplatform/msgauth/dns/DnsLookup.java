package org.mailplatform.msgauth.dns;

/**
 * The DNS queries message authentication needs, answered by the caller's resolver (the MTA passes
 * its own, with its cache and configured name servers). Implementations block and are safe for
 * concurrent use.
 */
@FunctionalInterface
public interface DnsLookup {

    /**
     * @param name an absolute or relative domain name, without the trailing dot; for PTR the
     *             reverse name ({@code 1.2.0.192.in-addr.arpa})
     */
    DnsAnswer query(String name, RecordType type);

    enum RecordType {
        /** values: dotted-quad text */
        A,
        /** values: IPv6 address text */
        AAAA,
        /** values: exchange host names without the trailing dot */
        MX,
        /** values: one string per record, its character-strings concatenated (RFC 7208 3.3, RFC 6376 3.6.2.2) */
        TXT,
        /** values: host names without the trailing dot */
        PTR
    }
}
