package org.mailplatform.store.message;

import java.time.Instant;

/** One message of an APPEND: its parsed content, the flags and the internal date it is stored with. */
public record MessageToAppend(IncomingMessage message, MessageFlags flags, Instant internalDate) {
}
