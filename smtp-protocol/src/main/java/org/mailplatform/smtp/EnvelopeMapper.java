package org.mailplatform.smtp;

import java.time.Instant;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.Recipient;

/** Turns an accepted SMTP transaction into the envelope of the Kafka record. */
public final class EnvelopeMapper {

    private EnvelopeMapper() {
    }

    public static MailEnvelope toEnvelope(String queueId, SmtpSessionInfo session, SmtpTransaction tx, Instant receivedAt) {
        MailEnvelope.Builder b = MailEnvelope.builder()
                .queueId(queueId)
                .traceId(queueId)
                .mailFrom(tx.from().address())
                .bodyType(tx.parameters().body())
                .smtpUtf8(tx.parameters().smtpUtf8())
                .dsnReturn(tx.parameters().ret())
                .envelopeId(tx.parameters().envid())
                .requireTls(tx.parameters().requireTls())
                .authenticatedUser(session.authenticatedUser())
                .clientAddress(session.clientAddress() == null || session.clientAddress().getAddress() == null
                        ? null : session.clientAddress().getAddress().getHostAddress())
                .clientHelo(session.heloName())
                .tls(session.tlsInfo())
                .receivedAt(receivedAt);
        for (SmtpTransaction.Recipient r : tx.recipients()) {
            b.recipient(Recipient.of(r.path().address(), r.parameters().notifyOn(), r.parameters().orcpt()));
        }
        return b.build();
    }
}
