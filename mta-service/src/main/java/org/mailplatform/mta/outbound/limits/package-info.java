/**
 * Per-destination outbound limits, after Postfix's {@code default_destination_concurrency_limit} and
 * {@code default_destination_rate_delay}: at most so many simultaneous SMTP sessions to one
 * destination, and at most so many messages to it per interval. A message over a limit waits a
 * little in the worker, then is deferred to the first retry tier without counting as a delivery
 * attempt; it is never bounced for it.
 * <p>
 * A destination is the recipient domain for MX routes and the next-hop host for configured relays
 * (transport table, smart host, address literals): the unit whose connections the outbound side
 * already shares, and the name an operator knows a receiver's published limits by.
 * <p>
 * Sessions are counted per replica (a session's slot must come back even when the database is
 * unreachable, and it is held for minutes); the configured number is divided by the expected number
 * of replicas. Messages per interval are counted in PostgreSQL's {@code rolling_counts}, shared by
 * every replica, and only for destinations with a rate limit, so unlimited destinations cost nothing.
 */
package org.mailplatform.mta.outbound.limits;
