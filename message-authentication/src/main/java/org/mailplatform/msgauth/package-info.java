/**
 * Message authentication: the checks and signatures by which other mail servers trust a message
 * (DKIM, RFC 6376 and RFC 8463; SPF, RFC 7208; DMARC, RFC 7489) and the
 * {@code Authentication-Results} header that reports them (RFC 8601), and the Sender Rewriting
 * Scheme that keeps SPF passing for forwarded mail ({@code srs}). A library without Spring: the MTA
 * wires it into its inbound and outbound paths; only {@code srs.autoconfigure} binds the SRS
 * settings for the MDA and the MTA, which must share them.
 */
package org.mailplatform.msgauth;
