/**
 * DMARC (RFC 7489): policy discovery at the author domain and its Organizational Domain (found
 * with the Public Suffix List), identifier alignment, and the disposition asked for.
 */
package org.mailplatform.msgauth.dmarc;
