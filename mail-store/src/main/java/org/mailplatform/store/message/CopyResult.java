package org.mailplatform.store.message;

import java.util.List;

/**
 * RFC 4315 COPYUID data: {@code sourceUids.get(i)} was copied to {@code targetUids.get(i)}.
 *
 * @param modseq the MODSEQ of the new messages in the target mailbox
 */
public record CopyResult(long targetMailboxId, long targetUidValidity, List<Long> sourceUids,
                         List<Long> targetUids, long modseq) {
}
