package org.mailplatform.mda.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.mailplatform.store.trace.MessageEvent;
import org.mailplatform.store.trace.MessageEventKind;
import org.mailplatform.store.trace.MessageEventRepository;

/** One message's trace written to the database: accepted by the MSA for two recipients, one delivered, one deferred. */
record TraceEvents(String queueId, String messageId, String local, String remote, Instant acceptedAt) {

    static TraceEvents write(MessageEventRepository repository) {
        String unique = UUID.randomUUID().toString().replace("-", "");
        TraceEvents t = new TraceEvents("Q" + unique.substring(0, 20).toUpperCase(), "<" + unique + "@example.test>",
                "bob-" + unique.substring(0, 8) + "@example.test", "carol-" + unique.substring(0, 8) + "@remote.test",
                Instant.parse("2026-11-30T10:00:00Z"));
        repository.insert(List.of(
                MessageEvent.of(MessageEventKind.ACCEPTED, t.queueId, "msa", t.acceptedAt).messageId(t.messageId)
                        .recipient(t.local).put("listener", "submission").put("port", 587).put("client", "192.0.2.7")
                        .put("tls", "TLSv1.3 TLS_AES_128_GCM_SHA256").put("user", "alice@example.test").build(),
                MessageEvent.of(MessageEventKind.ACCEPTED, t.queueId, "msa", t.acceptedAt).messageId(t.messageId)
                        .recipient(t.remote).build(),
                MessageEvent.of(MessageEventKind.DEFERRED, t.queueId, "mta", t.acceptedAt.plusSeconds(2))
                        .recipient(t.remote).put("host", "mx.remote.test [192.0.2.9]")
                        .put("reply", "451 4.3.0 try later\r\nsecond line").put("nextAttempt", "2026-11-30T10:05:02Z").build(),
                MessageEvent.of(MessageEventKind.DELIVERED, t.queueId, "mda", t.acceptedAt.plusSeconds(1))
                        .recipient(t.local).put("mailbox", "INBOX").put("uid", 42).build()));
        return t;
    }
}
