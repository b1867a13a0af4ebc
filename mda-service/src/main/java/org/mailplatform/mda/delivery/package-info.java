/**
 * Delivery: consumes {@code mail.delivery} (consumer group {@code mda}), resolves each pending
 * recipient to local accounts and remote forwards, parses the message once and files one copy per
 * account into its INBOX in a single store transaction, then announces the new messages on
 * {@code mailbox.events}, hands forwards to {@code mail.outbound} and failures to
 * {@code mail.delivery.reports}. The consumer offset is committed only after all of that.
 *
 * <p>Standards: RFC 5321 4.4 (Return-Path added at final delivery), RFC 5233 (sub-addressing,
 * through the store's resolver), RFC 3461 (NOTIFY and ORCPT carried into reports and forwards),
 * RFC 3463 (enhanced status codes 5.1.1, 5.1.2, 5.1.3, 4.2.2, 5.2.2), RFC 3464 (the DSN the
 * reports become, made by the MTA), RFC 9051 2.3.1.1 / RFC 7162 (UIDs and MODSEQs in events).
 *
 * <p>Security notes: a record that cannot be decoded is parked byte for byte on
 * {@code mail.deadletter}, never dropped and never retried forever. The per-recipient header
 * lines are built only from envelope values that the record format already refused to carry
 * control characters in, so a record cannot inject header lines. Broken MIME is stored byte-exact.
 *
 * <p>Configuration: {@code mailplatform.mda.delivery.*} ({@link org.mailplatform.mda.delivery.DeliveryProperties}).
 */
package org.mailplatform.mda.delivery;
