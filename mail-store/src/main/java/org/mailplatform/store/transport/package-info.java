/**
 * What the outbound MTA shares between its replicas about transport security: the MTA-STS policies
 * it fetched (RFC 8461 5.1) and the TLS session counts it reports (RFC 8460).
 */
package org.mailplatform.store.transport;
