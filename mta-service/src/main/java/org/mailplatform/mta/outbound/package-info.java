/**
 * Outbound mail: consumes {@code mail.outbound} (consumer group {@code mta-outbound}), hands
 * recipients in local domains to {@code mail.delivery}, and relays the others over SMTP, grouped
 * by destination, to the domain's MX (RFC 5321 5.1), a per-domain transport or a smart host.
 * Temporary failures wait on the retry topics {@code mail.retry.1m} ... {@code mail.retry.2h}
 * (RFC 5321 4.5.4.1: retries over days, at least 30 minutes apart after the first ones) until the
 * message's lifetime ends; permanent failures and expiry become one DSN (RFC 3464) to the sender,
 * never to the null sender. Delivery reports from the MDA ({@code mail.delivery.reports}) become
 * DSNs, or local retries for temporary failures, the same way.
 *
 * <p>Kafka topics in: {@code mail.outbound}, {@code mail.retry.*}, {@code mail.delivery.reports}.
 * Out: {@code mail.delivery} (local recipients, DSNs to local senders), {@code mail.outbound}
 * (DSNs to remote senders), {@code mail.retry.*}, {@code mail.deadletter} (unreadable records).
 *
 * <p>Waiting never blocks other mail: each retry topic has its own consumer, records within a
 * tier are in due order (one delay per tier), and a partition whose head record is not due yet is
 * paused until it is, while the other partitions and topics go on. Offsets are committed only
 * after everything a record led to (local hand-off, DSN, retry record) was acknowledged by Kafka,
 * so every state survives a restart; a replay may repeat a remote delivery attempt
 * (at-least-once, as SMTP itself is), never lose one.
 *
 * <p>Security notes: port 25 peers get opportunistic TLS, unless their domain demands more
 * ({@link org.mailplatform.mta.outbound.security}: MTA-STS); the smart host may be given mandatory,
 * verified TLS and AUTH PLAIN credentials, which are never sent in plaintext.
 *
 * <p>Configuration: {@code mailplatform.mta.relay.*} ({@link org.mailplatform.mta.outbound.RelayProperties}),
 * {@code mailplatform.mta.outbound.*} ({@link org.mailplatform.mta.outbound.OutboundProperties}),
 * {@code mailplatform.mta.dsn.*} ({@link org.mailplatform.mta.dsn.DsnProperties}).
 */
package org.mailplatform.mta.outbound;
