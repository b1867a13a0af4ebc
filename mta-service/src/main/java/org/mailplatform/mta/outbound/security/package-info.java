/**
 * The TLS a destination demands, chosen once per destination before the first connection: which
 * of its MX hosts may be tried and how a session with one of them is secured. Sources (MTA-STS,
 * RFC 8461) are asked in precedence order; an MX host with secure TLSA records is DANE's instead
 * (RFC 7672, decided per host in {@code DestinationRun}), as RFC 8461 2 asks of senders that
 * support both. Without a demand the route's own policy applies (opportunistic TLS for MX
 * delivery, RFC 7435).
 */
package org.mailplatform.mta.outbound.security;
