/**
 * The SMTP client of remote delivery: one blocking connection per destination, run on a virtual
 * thread. Greeting, EHLO with HELO fallback (RFC 5321 3.2, 4.1.1.1), opportunistic or mandatory
 * STARTTLS (RFC 3207), AUTH PLAIN to a smart host (RFC 4954, RFC 4616), PIPELINING (RFC 2920),
 * SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), CHUNKING/BINARYMIME (RFC 3030), DSN
 * parameters (RFC 3461), multi-line replies and enhanced status codes (RFC 5321 4.2, RFC 3463,
 * RFC 2034), and the client timeouts of RFC 5321 4.5.3.2.
 *
 * <p>Security notes: the message always goes out well-formed, whatever the stored bytes look like:
 * CRLF line ends only, leading dots doubled, one terminating CRLF.CRLF (RFC 5321 4.5.2, 2.3.8),
 * so stored bytes cannot smuggle a second message to the peer. Opportunistic TLS trusts any
 * certificate, as RFC 7435 allows and Postfix's {@code may} level does: it protects against
 * passive eavesdropping only. Credentials are never sent without TLS.
 */
package org.mailplatform.mta.client;
