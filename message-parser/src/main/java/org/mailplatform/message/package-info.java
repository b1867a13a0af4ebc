/**
 * Parses a message once, at delivery, into IMAP ENVELOPE and BODYSTRUCTURE data with the byte
 * offsets of every header and body, the sent date, and decoded text for full-text search; and
 * locates IMAP sections in the raw message from those offsets.
 *
 * <p>Standards: RFC 5322, RFC 2045, RFC 2046, RFC 2047, RFC 2231, RFC 2183, RFC 3282, RFC 2557,
 * RFC 3501 6.4.5 and 7.4.2, RFC 9051 7.5.2, RFC 3516, RFC 6532.
 *
 * <p>Entry points: {@link org.mailplatform.message.MessageParser},
 * {@link org.mailplatform.message.ParsedMessageJson}, {@link org.mailplatform.message.SectionLocator},
 * {@link org.mailplatform.message.PartDecoder}.
 */
package org.mailplatform.message;
