/**
 * Bounces to forwarded mail: recognises the SRS addresses the MDA gave forwards (see
 * {@code org.mailplatform.msgauth.srs}) and turns them back into the address they stand for, for
 * port 25 recipients and for the MTA's own DSNs.
 */
package org.mailplatform.mta.srs;
