/**
 * IMAP wire protocol without I/O: an incremental command parser and a response encoder.
 *
 * <p>Standards: IMAP4rev1 (RFC 3501) and IMAP4rev2 (RFC 9051) command and response syntax;
 * LITERAL+ and LITERAL- (RFC 7888); literal8 (BINARY, RFC 3516); UTF8=ACCEPT (RFC 6855);
 * SEARCHRES {@code $} (RFC 5182); response codes of RFC 5530, RFC 4315 (UIDPLUS), RFC 7162
 * (CONDSTORE/QRESYNC) and RFC 4469 (TOOBIG); modified UTF-7 mailbox names (RFC 3501 5.1.3).
 *
 * <p>The network layer hands bytes to {@link org.mailplatform.imap.protocol.ImapRequestParser},
 * which answers with one {@link org.mailplatform.imap.protocol.ParseEvent} at a time and never
 * reads past the end of a command, so the connection decides when the next command is read.
 * {@link org.mailplatform.imap.protocol.ImapResponseWriter} turns responses into bytes.
 *
 * <p>Security: every size is bounded before memory is committed (line length, literal size,
 * whole command, nesting depth, argument count); literal buffers grow only as bytes arrive; list
 * nesting is handled without recursion; a failed command is skipped up to its end (including
 * non-synchronizing literals the client is already sending) so the connection stays usable.
 */
package org.mailplatform.imap.protocol;
