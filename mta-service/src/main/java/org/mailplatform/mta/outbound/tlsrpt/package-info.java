/**
 * SMTP TLS reporting, RFC 8460, for the sending side: sessions under a policy are counted per UTC
 * day and policy domain in PostgreSQL, by result type (4.3); after the day one replica sends each
 * domain with a {@code _smtp._tls} record (3) its JSON report (4.4), gzipped, by mail through
 * {@code mail.outbound} (5.3) or by HTTPS POST (5.4).
 *
 * <p>Configuration: {@code mailplatform.mta.outbound.tls-rpt.*} ({@link org.mailplatform.mta.outbound.tlsrpt.TlsRptProperties}).
 */
package org.mailplatform.mta.outbound.tlsrpt;
