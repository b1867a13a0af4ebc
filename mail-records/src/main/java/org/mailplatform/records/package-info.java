/**
 * The records services hand each other over Kafka: a {@link org.mailplatform.records.MailRecord}
 * (the raw RFC 5322 message with its SMTP envelope, {@link org.mailplatform.records.MailEnvelope}),
 * a {@link org.mailplatform.records.MailboxEvent} for IMAP replicas and a
 * {@link org.mailplatform.records.DeliveryReport} that becomes a DSN (RFC 3464).
 * <p>
 * Standards: RFC 5321 (envelope), RFC 3461 (DSN parameters NOTIFY, ORCPT, RET, ENVID),
 * RFC 3463 (enhanced status codes), RFC 6152 / RFC 3030 (8BITMIME, BINARYMIME), RFC 6531 (SMTPUTF8),
 * RFC 9051 and RFC 7162 (UIDs, UIDVALIDITY, MODSEQ in mailbox events).
 * <p>
 * Security: every text field that later lands in a header line (addresses, HELO name, diagnostics)
 * is refused when it holds control characters, so a record can never smuggle a line break into a
 * Received: or DSN header.
 */
package org.mailplatform.records;
