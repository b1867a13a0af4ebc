/**
 * The maildrop in PostgreSQL: the account's INBOX as the MDA stores it, read through mail-store,
 * and the exclusive maildrop lock every replica honours (RFC 1939 4, RFC 2449 8.1.1).
 */
package org.mailplatform.pop3.store;
