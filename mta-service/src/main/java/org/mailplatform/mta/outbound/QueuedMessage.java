package org.mailplatform.mta.outbound;

import org.mailplatform.records.MailRecord;

/**
 * A message taken from {@code mail.outbound} or a retry topic.
 *
 * @param delayWarned a delay DSN already went out for it (RFC 3461 4.1: at most one per message here)
 */
public record QueuedMessage(MailRecord record, boolean delayWarned) {
}
