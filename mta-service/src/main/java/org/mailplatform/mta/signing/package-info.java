/**
 * DKIM signing of outgoing mail (RFC 6376, RFC 8463): the keys the MTA holds, reloaded as they
 * change, and the step of the outbound path that signs a submitted message once, before its first
 * remote delivery attempt.
 */
package org.mailplatform.mta.signing;
