package org.mailplatform.mta.dns;

import java.net.InetAddress;

/**
 * One address to try for a destination.
 *
 * @param name    the host name it was found under (the MX exchange, or the domain for an
 *                implicit MX); used for TLS SNI and the DSN's Remote-MTA
 * @param address where to connect
 */
public record MailHost(String name, InetAddress address) {
}
