/**
 * Delivery status notifications: the RFC 3464 report (multipart/report of RFC 6522 with
 * report-type=delivery-status) for failed, delayed, delivered and relayed recipients, and its
 * dispatch to the envelope sender from the null sender {@code <>}.
 *
 * <p>Rules: a message from the null sender is never reported on (RFC 5321 4.5.5, RFC 3461 6.1);
 * NOTIFY decides which recipients appear (RFC 3461 4.1: by default failures only; SUCCESS and
 * DELAY only when asked for; NEVER none); RET decides what comes back (RFC 3461 4.3: FULL returns
 * the message up to {@code mailplatform.mta.dsn.max-returned-size}, HDRS or no RET returns the
 * header section only). Messages that were SMTPUTF8 get the RFC 6533 types
 * (message/global-delivery-status, message/global-headers, message/global).
 *
 * <p>Exactly once: a DSN's queue id is derived from the original queue id and the attempt (or
 * delivery report) it describes, so a replayed Kafka record republishes the same DSN record with
 * the same queue id. Local copies are then kept once by the MDA's delivery ledger (queue id +
 * recipient). A DSN relayed to a remote sender is at-least-once: a replay between publishing the
 * DSN and committing the offset sends it again, as any SMTP retry after a lost reply would.
 *
 * <p>Security notes: every value written into the report was refused by the record format if it
 * held control characters; diagnostics are cleaned again and folded, so a peer's reply text
 * cannot add header fields or MIME parts.
 */
package org.mailplatform.mta.dsn;
