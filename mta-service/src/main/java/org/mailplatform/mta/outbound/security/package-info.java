/**
 * The TLS a destination demands, chosen once per destination before the first connection: which
 * of its MX hosts may be tried and how a session with one of them is secured. Sources are asked in
 * precedence order: DANE (RFC 7672) first, then MTA-STS (RFC 8461), as RFC 8461 2 asks of senders
 * that support both; without a demand the route's own policy applies (opportunistic TLS for MX
 * delivery, RFC 7435).
 */
package org.mailplatform.mta.outbound.security;
