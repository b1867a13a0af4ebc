package org.mailplatform.store.message;

/** Where an appended or delivered message landed (RFC 4315 APPENDUID data plus its MODSEQ). */
public record AppendResult(long mailboxId, long uidValidity, long uid, long modseq, long size) {
}
