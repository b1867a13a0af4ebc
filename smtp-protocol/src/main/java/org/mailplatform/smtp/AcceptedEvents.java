package org.mailplatform.smtp;

import java.util.List;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.store.trace.MessageEvent;
import org.mailplatform.store.trace.MessageEventKind;

/** The trace's "accepted" lines for a message just acknowledged with 250: one per recipient. */
final class AcceptedEvents {

    private AcceptedEvents() {
    }

    static List<MessageEvent> of(String service, SmtpSessionInfo session, MailEnvelope envelope, byte[] stored) {
        String messageId = new MessageHeaders(stored).first("Message-ID");
        return envelope.recipients().stream()
                .map(r -> MessageEvent.of(MessageEventKind.ACCEPTED, envelope.queueId(), service, envelope.receivedAt())
                        .messageId(messageId)
                        .recipient(r.address())
                        .put("from", envelope.mailFrom())
                        .put("listener", session.listener())
                        .put("port", session.localAddress() == null ? null : session.localAddress().getPort())
                        .put("client", envelope.clientAddress())
                        .put("helo", envelope.clientHelo())
                        .put("tls", envelope.tls() == null ? null : envelope.tls().protocol() + " " + envelope.tls().cipherSuite())
                        .put("user", envelope.authenticatedUser())
                        .put("size", stored.length)
                        .build())
                .toList();
    }
}
