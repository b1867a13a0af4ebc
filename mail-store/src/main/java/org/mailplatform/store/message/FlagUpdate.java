package org.mailplatform.store.message;

/** A message whose flags a STORE changed: its new flags and new MODSEQ. */
public record FlagUpdate(long uid, MessageFlags flags, long modseq) {
}
