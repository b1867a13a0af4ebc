package org.mailplatform.pop3.store;

/**
 * One message of a maildrop as listed at login.
 *
 * @param size the octets RETR sends (before byte-stuffing): the stored header prefix plus body
 */
public record MaildropEntry(long uid, long size) {
}
