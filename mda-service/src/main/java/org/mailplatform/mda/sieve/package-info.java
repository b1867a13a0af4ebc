/**
 * Sieve at delivery (RFC 5228): each account's active script, parsed once and cached, decides
 * where the account's copies go and which replies and redirects follow. A script that fails in any
 * way gives the account its ordinary copy: mail is never lost to a filter.
 */
package org.mailplatform.mda.sieve;
