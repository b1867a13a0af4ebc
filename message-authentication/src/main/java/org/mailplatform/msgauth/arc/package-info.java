/** Authenticated Received Chain (RFC 8617): verifying the ARC sets of inbound mail, sealing forwarded mail. */
package org.mailplatform.msgauth.arc;
