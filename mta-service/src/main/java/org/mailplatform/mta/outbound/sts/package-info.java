/**
 * MTA-STS, RFC 8461, for the sending side: the {@code _mta-sts} record (3.1), the policy fetched
 * over HTTPS (3.3) and parsed (3.2), cached for all replicas in PostgreSQL and refreshed on a new
 * id or expiry (5.1), and applied to MX delivery (4, 5): {@code enforce} tries only matching MX
 * hosts over verified STARTTLS and defers the mail otherwise; {@code testing} only reports.
 *
 * <p>Security notes: the policy host's certificate and the MX hosts' certificates are checked
 * against the configured CAs (RFC 6125 names); redirects are not followed; policies are limited
 * to 64 KiB and a fetch to {@code fetch-timeout}.
 *
 * <p>Configuration: {@code mailplatform.mta.outbound.mta-sts.*} ({@link org.mailplatform.mta.outbound.sts.MtaStsProperties}).
 */
package org.mailplatform.mta.outbound.sts;
