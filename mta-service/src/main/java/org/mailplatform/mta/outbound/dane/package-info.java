/**
 * DANE for outbound SMTP (RFC 7672, with the TLSA semantics of RFC 6698 and RFC 7671): before
 * the MTA connects to a domain's MX hosts, DNSSEC-validated lookups decide per host whether its
 * TLS is authenticated by TLSA records.
 *
 * <p>Standards: RFC 7672 2.1-2.2 (which answers count: secure MX, then secure address records,
 * then a secure TLSA RRset at {@code _25._tcp.<host>}; bogus answers defer), 3.1 (DANE-EE matches
 * the server's key or certificate alone; DANE-TA needs a valid chain to the matched authority and
 * the MX host name in the certificate; PKIX usages are unusable); RFC 4033-4035 validation by
 * dnsjava's {@code ValidatingResolver}.
 *
 * <p>Security notes: validation happens in this process from a configured trust anchor, so the
 * name servers asked need not be trusted to validate, only to pass DNSSEC records along. A host
 * DANE governs is never given mail in plaintext or over TLS that failed the check: its failures
 * are temporary, and the message is retried (RFC 7672 2.2). Name servers that do not pass DNSSEC
 * along would make every answer bogus; {@link org.mailplatform.mta.outbound.dane.DnssecResolverProbe}
 * notices it and MX lookups then count as insecure, unless {@code require-dnssec-resolver} is set
 * (the trade-off is explained there).
 *
 * <p>Configuration: {@code mailplatform.mta.outbound.dane.enabled} (default true),
 * {@code mailplatform.mta.outbound.dane.trust-anchor} (default: the root zone's keys shipped with
 * the service), {@code require-dnssec-resolver} (default false), {@code resolver-check-interval}
 * (default 10m), {@code resolver-recheck-interval} (default 1m); the name servers and timeout of
 * {@code mailplatform.mta.relay.*}.
 */
package org.mailplatform.mta.outbound.dane;
