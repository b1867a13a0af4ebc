package org.mailplatform.store.message;

/** RFC 6851 MOVE: the copy into the target and the expunge from the source, one transaction. */
public record MoveResult(CopyResult copied, ExpungeResult expunged) {
}
