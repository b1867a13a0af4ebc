package org.mailplatform.records.codec;

import java.time.Instant;
import java.util.List;

import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;

/** Mailbox event header, version 1. */
record MailboxEventJson(
        Integer v,
        String id,
        String kind,
        Long mailbox,
        String account,
        String name,
        String oldName,
        Long uidValidity,
        List<Long> uids,
        Long modseq,
        String origin,
        String at,
        String trace) {

    static final int VERSION = 1;

    static MailboxEventJson of(MailboxEvent e) {
        return new MailboxEventJson(VERSION, e.eventId(), e.kind().name(), e.mailboxId(), e.account(),
                e.mailboxName(), e.previousName(), e.uidValidity() == 0 ? null : e.uidValidity(),
                e.uids().isEmpty() ? null : e.uids(), e.modseq() == 0 ? null : e.modseq(), e.originReplica(),
                e.occurredAt().toString(), e.traceId());
    }

    MailboxEvent toEvent() {
        if (kind == null || mailbox == null || at == null) {
            throw new IllegalArgumentException("kind, mailbox and at are required");
        }
        return new MailboxEvent(id, MailboxEventKind.valueOf(kind), mailbox, account, name, oldName,
                uidValidity == null ? 0 : uidValidity, uids, modseq == null ? 0 : modseq, origin, Instant.parse(at),
                trace);
    }
}
