/**
 * The POP3 wire format without I/O: command lines (RFC 1939 3), response codes (RFC 2449 8,
 * RFC 3206), multi-line responses with byte-stuffing (RFC 1939 3) and the TOP cut (RFC 1939 7).
 */
package org.mailplatform.pop3.protocol;
