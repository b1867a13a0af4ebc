/**
 * The binary record format and its Kafka serdes.
 * <pre>
 * offset  size  field
 * 0       4     magic: "MAIL" (MailRecord), "MBEV" (MailboxEvent), "DSNR" (DeliveryReport)
 * 4       1     frame version, 1
 * 5       4     header length N, unsigned big-endian, 1..16 MiB
 * 9       N     header: compact UTF-8 JSON object with its own schema version "v"
 * 9+N     rest  payload: raw bytes to the end of the record (the RFC 5322 message; returned
 *               DSN content; nothing for mailbox events), never base64 or JSON-escaped
 * </pre>
 * Versioning: a reader accepts frame version 1 and header versions up to the highest it knows.
 * Anything newer, or a wrong magic, raises {@link org.mailplatform.records.codec.RecordFormatException}
 * (its subclass {@link org.mailplatform.records.codec.UnsupportedRecordVersionException} for versions)
 * so the consumer can dead-letter the record instead of dropping it. Adding an optional JSON field
 * keeps "v" (readers ignore fields they do not know); renaming, removing, or changing the meaning of
 * a field, or adding a required one, raises "v". Writers always write the current version.
 */
package org.mailplatform.records.codec;
