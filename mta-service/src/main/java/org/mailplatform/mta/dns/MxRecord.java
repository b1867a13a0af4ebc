package org.mailplatform.mta.dns;

/**
 * One MX record (RFC 1035 3.3.9).
 *
 * @param preference lower is tried first
 * @param exchange   host name without the trailing dot; empty for the null MX "." (RFC 7505)
 */
public record MxRecord(int preference, String exchange) {

    public boolean isNull() {
        return exchange.isEmpty();
    }
}
