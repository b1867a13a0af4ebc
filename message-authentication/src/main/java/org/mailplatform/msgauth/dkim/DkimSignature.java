package org.mailplatform.msgauth.dkim;

/**
 * One DKIM-Signature made for a message.
 *
 * @param field the whole header field, folded, ending with CRLF
 */
public record DkimSignature(String domain, String selector, DkimAlgorithm algorithm, String field) {
}
