/**
 * Where mail for a domain goes: MX lookup through a real DNS resolver (dnsjava) with the rules of
 * RFC 5321 5.1 (preference order, random order among equal preferences, the domain's own A/AAAA
 * as implicit MX when there is no MX, no MX pointing back at this host), null MX (RFC 7505), and
 * A/AAAA lookups of the exchangers.
 *
 * <p>Security notes: names are converted to IDNA A-labels before lookup (RFC 5890); answers are
 * taken from the configured resolver, which should be a validating resolver on a trusted path
 * (DNSSEC validation is its job here; DANE's lookups, in {@code outbound.dane}, validate in process).
 *
 * <p>Configuration: {@code mailplatform.mta.relay.dns-servers} (empty: the system's resolvers from
 * /etc/resolv.conf), {@code mailplatform.mta.relay.dns-timeout}.
 */
package org.mailplatform.mta.dns;
