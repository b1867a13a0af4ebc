/** The MTA's small HTTPS client: MTA-STS policy fetches (RFC 8461 3.3) and TLS report posts (RFC 8460 5.4). */
package org.mailplatform.mta.outbound.https;
