package org.mailplatform.records;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A change to one mailbox, sent to every IMAP replica so IDLE and NOTIFY sessions see it
 * (RFC 2177, RFC 5465). Replicas read the details from the database; the event says what to look at.
 *
 * @param eventId        unique id; a replica that sees the same id twice acts once
 * @param kind           what changed
 * @param mailboxId      the mailbox's database id
 * @param account        the owning account; the Kafka key, so one account's events stay in order
 * @param mailboxName    the mailbox name (required for the MAILBOX_* kinds), or null
 * @param previousName   the name before a rename (MAILBOX_RENAMED only), or null
 * @param uidValidity    the mailbox's UIDVALIDITY (RFC 9051 2.3.1.1), 0 when not known
 * @param uids           the messages concerned, ascending; empty for the MAILBOX_* kinds
 * @param modseq         the mailbox's HIGHESTMODSEQ after the change (RFC 7162 3.1.1), 0 when not tracked
 * @param originReplica  the replica (or service) that made the change, so it can skip its own echo
 * @param occurredAt     when the change was committed
 * @param traceId        trace id of the request that caused it, or null
 */
public record MailboxEvent(
        String eventId,
        MailboxEventKind kind,
        long mailboxId,
        String account,
        String mailboxName,
        String previousName,
        long uidValidity,
        List<Long> uids,
        long modseq,
        String originReplica,
        Instant occurredAt,
        String traceId) {

    // RFC 9051 2.3.1.1: UIDs and UIDVALIDITY are 32-bit unsigned.
    private static final long MAX_UID = 0xFFFF_FFFFL;

    public MailboxEvent {
        Checks.text(eventId, "event id", 128);
        Checks.required(kind, "kind");
        if (mailboxId <= 0) {
            throw new IllegalArgumentException("mailbox id must be positive");
        }
        Checks.text(account, "account", 320);
        Checks.optionalText(mailboxName, "mailbox name", 1000);
        Checks.optionalText(previousName, "previous mailbox name", 1000);
        if (uidValidity < 0 || uidValidity > MAX_UID) {
            throw new IllegalArgumentException("UIDVALIDITY out of range: " + uidValidity);
        }
        uids = uids == null ? List.of() : List.copyOf(uids);
        checkUids(kind, uids);
        if (!kind.aboutMessages() && mailboxName == null) {
            throw new IllegalArgumentException(kind + " needs the mailbox name");
        }
        if ((kind == MailboxEventKind.MAILBOX_RENAMED) != (previousName != null)) {
            throw new IllegalArgumentException("the previous name belongs to MAILBOX_RENAMED and only to it");
        }
        // RFC 7162 3.1.1: mod-sequence values are 63-bit unsigned.
        if (modseq < 0) {
            throw new IllegalArgumentException("MODSEQ must not be negative");
        }
        Checks.text(originReplica, "origin replica", 128);
        Checks.required(occurredAt, "occurred time");
        Checks.optionalText(traceId, "trace id", 128);
    }

    private static void checkUids(MailboxEventKind kind, List<Long> uids) {
        if (kind.aboutMessages() && uids.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs at least one UID");
        }
        if (!kind.aboutMessages() && !uids.isEmpty()) {
            throw new IllegalArgumentException(kind + " carries no UIDs");
        }
        long previous = 0;
        for (long uid : uids) {
            if (uid <= previous || uid > MAX_UID) {
                throw new IllegalArgumentException("UIDs must be ascending, unique and in 1.." + MAX_UID);
            }
            previous = uid;
        }
    }

    /** A message event (NEW_MESSAGE, FLAGS_CHANGED, EXPUNGED) with a fresh event id, stamped now. */
    public static MailboxEvent messages(MailboxEventKind kind, String account, long mailboxId, long uidValidity,
                                        List<Long> uids, long modseq, String originReplica) {
        return new MailboxEvent(UUID.randomUUID().toString(), kind, mailboxId, account, null, null, uidValidity,
                uids, modseq, originReplica, Instant.now(), null);
    }

    /** MAILBOX_CREATED or MAILBOX_DELETED with a fresh event id, stamped now. */
    public static MailboxEvent mailbox(MailboxEventKind kind, String account, long mailboxId, String name,
                                       long uidValidity, String originReplica) {
        return new MailboxEvent(UUID.randomUUID().toString(), kind, mailboxId, account, name, null, uidValidity,
                List.of(), 0, originReplica, Instant.now(), null);
    }

    /** MAILBOX_RENAMED with a fresh event id, stamped now. */
    public static MailboxEvent renamed(String account, long mailboxId, String previousName, String newName,
                                       long uidValidity, String originReplica) {
        return new MailboxEvent(UUID.randomUUID().toString(), MailboxEventKind.MAILBOX_RENAMED, mailboxId, account,
                newName, previousName, uidValidity, List.of(), 0, originReplica, Instant.now(), null);
    }

    public MailboxEvent withTraceId(String newTraceId) {
        return new MailboxEvent(eventId, kind, mailboxId, account, mailboxName, previousName, uidValidity, uids,
                modseq, originReplica, occurredAt, newTraceId);
    }

    /** Whether the replica {@code replicaId} made this change itself (and already told its sessions). */
    public boolean isFrom(String replicaId) {
        return originReplica.equals(replicaId);
    }
}
