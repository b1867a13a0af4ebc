package org.mailplatform.store.message;

import java.time.Instant;
import java.util.Optional;

/**
 * What FETCH needs of a message without its content.
 *
 * @param size              RFC822.SIZE: header prefix plus shared body
 * @param envelopeJson      present only when asked for (and stored)
 * @param bodyStructureJson present only when asked for (and stored)
 */
public record MessageSummary(long uid, long modseq, MessageFlags flags, Instant internalDate, long size,
                             long bodyId, Optional<String> envelopeJson, Optional<String> bodyStructureJson) {
}
