package org.mailplatform.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The SMTP envelope of one message and what its delivery needs: immutable, built with
 * {@link #builder()} or changed with the {@code with...} methods.
 *
 * @param queueId           the id the accepting server gave the message; the Kafka record key
 * @param mailFrom          the reverse-path without angle brackets; {@code ""} is the null sender
 *                          {@code <>} (RFC 5321 4.5.5), which must never be bounced
 * @param recipients        RCPT TO, in the order given; never empty
 * @param dsnReturn         RFC 3461 4.3 RET, or null when not given
 * @param envelopeId        RFC 3461 4.4 ENVID (xtext-decoded), or null
 * @param bodyType          BODY of MAIL FROM
 * @param smtpUtf8          whether MAIL FROM carried SMTPUTF8 (RFC 6531 3.4)
 * @param authenticatedUser the account that authenticated (RFC 4954), or null
 * @param clientAddress     the SMTP client's IP address (after PROXY protocol), or null for mail
 *                          the platform made itself (a DSN)
 * @param clientHelo        the EHLO/HELO argument, or null
 * @param tls               the TLS session the message came over, or null for cleartext
 * @param receivedAt        when the message was accepted (the DSN's Arrival-Date)
 * @param traceId           id that follows the message through every service's logs, or null
 * @param attempts          remote delivery attempts made so far
 * @param firstAttemptAt    when the first attempt was made, or null before it; RFC 5321 4.5.4.1
 *                          counts the give-up time from here or from {@code receivedAt}
 * @param nextAttemptAt     not to be tried before this instant, or null for now
 * @param junk              file into each recipient's {@code \Junk} mailbox rather than INBOX, with
 *                          the reason; null for normal delivery
 * @param requireTls        MAIL FROM carried REQUIRETLS (RFC 8689 4): every onward hop must be reached
 *                          over TLS with a verified certificate and must support REQUIRETLS itself
 */
public record MailEnvelope(
        String queueId,
        String mailFrom,
        List<Recipient> recipients,
        DsnReturn dsnReturn,
        String envelopeId,
        BodyType bodyType,
        boolean smtpUtf8,
        String authenticatedUser,
        String clientAddress,
        String clientHelo,
        TlsInfo tls,
        Instant receivedAt,
        String traceId,
        int attempts,
        Instant firstAttemptAt,
        Instant nextAttemptAt,
        JunkFiling junk,
        boolean requireTls) {

    /** The reverse-path of the null sender {@code <>}. */
    public static final String NULL_SENDER = "";

    public MailEnvelope {
        Checks.token(queueId, "queue id");
        Checks.required(mailFrom, "MAIL FROM (use \"\" for the null sender)");
        Checks.optionalText(mailFrom, "MAIL FROM", Recipient.MAX_ADDRESS_LENGTH);
        Checks.required(recipients, "recipients");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
        Checks.optionalText(envelopeId, "ENVID", 100);
        bodyType = bodyType == null ? BodyType.SEVEN_BIT : bodyType;
        Checks.optionalText(authenticatedUser, "authenticated user", 320);
        Checks.optionalText(clientAddress, "client address", 64);
        Checks.optionalText(clientHelo, "HELO name", 512);
        Checks.required(receivedAt, "received time");
        Checks.optionalText(traceId, "trace id", 128);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** RFC 5321 4.5.5: a message from {@code <>} gets no DSN. */
    public boolean isNullSender() {
        return mailFrom.isEmpty();
    }

    /** Recipients still to be delivered. */
    public List<Recipient> pendingRecipients() {
        return recipients.stream().filter(r -> r.state() == RecipientState.PENDING).toList();
    }

    public MailEnvelope withQueueId(String newQueueId) {
        return toBuilder().queueId(newQueueId).build();
    }

    public MailEnvelope withTraceId(String newTraceId) {
        return toBuilder().traceId(newTraceId).build();
    }

    public MailEnvelope withRecipients(List<Recipient> newRecipients) {
        return toBuilder().recipients(newRecipients).build();
    }

    /** Replaces each recipient with what {@code change} makes of it. */
    public MailEnvelope mapRecipients(UnaryOperator<Recipient> change) {
        return withRecipients(recipients.stream().map(change).toList());
    }

    /** Counts one more delivery attempt made at {@code at}; the first one also sets firstAttemptAt. */
    public MailEnvelope withAttemptAt(Instant at) {
        Objects.requireNonNull(at, "at");
        return toBuilder()
                .attempts(attempts + 1)
                .firstAttemptAt(firstAttemptAt == null ? at : firstAttemptAt)
                .build();
    }

    public MailEnvelope withNextAttemptAt(Instant at) {
        return toBuilder().nextAttemptAt(at).build();
    }

    /** The same envelope, asking for the message to be filed as junk for {@code reason}. */
    public MailEnvelope withJunk(String reason) {
        return toBuilder().junk(JunkFiling.because(reason)).build();
    }

    /** Whether the accepting server asked for filing into the {@code \Junk} mailbox. */
    public boolean isJunk() {
        return junk != null;
    }

    /** Builds a {@link MailEnvelope}; mailFrom defaults to the null sender, bodyType to 7BIT. */
    public static final class Builder {
        private String queueId;
        private String mailFrom = NULL_SENDER;
        private List<Recipient> recipients = new ArrayList<>();
        private DsnReturn dsnReturn;
        private String envelopeId;
        private BodyType bodyType = BodyType.SEVEN_BIT;
        private boolean smtpUtf8;
        private String authenticatedUser;
        private String clientAddress;
        private String clientHelo;
        private TlsInfo tls;
        private Instant receivedAt;
        private String traceId;
        private int attempts;
        private Instant firstAttemptAt;
        private Instant nextAttemptAt;
        private JunkFiling junk;
        private boolean requireTls;

        private Builder() {
        }

        private Builder(MailEnvelope e) {
            queueId = e.queueId;
            mailFrom = e.mailFrom;
            recipients = new ArrayList<>(e.recipients);
            dsnReturn = e.dsnReturn;
            envelopeId = e.envelopeId;
            bodyType = e.bodyType;
            smtpUtf8 = e.smtpUtf8;
            authenticatedUser = e.authenticatedUser;
            clientAddress = e.clientAddress;
            clientHelo = e.clientHelo;
            tls = e.tls;
            receivedAt = e.receivedAt;
            traceId = e.traceId;
            attempts = e.attempts;
            firstAttemptAt = e.firstAttemptAt;
            nextAttemptAt = e.nextAttemptAt;
            junk = e.junk;
            requireTls = e.requireTls;
        }

        public Builder queueId(String value) { queueId = value; return this; }
        public Builder mailFrom(String value) { mailFrom = value; return this; }
        public Builder recipients(List<Recipient> value) { recipients = new ArrayList<>(value); return this; }
        public Builder recipient(Recipient value) { recipients.add(value); return this; }
        public Builder recipient(String address) { recipients.add(Recipient.of(address)); return this; }
        public Builder dsnReturn(DsnReturn value) { dsnReturn = value; return this; }
        public Builder envelopeId(String value) { envelopeId = value; return this; }
        public Builder bodyType(BodyType value) { bodyType = value; return this; }
        public Builder smtpUtf8(boolean value) { smtpUtf8 = value; return this; }
        public Builder authenticatedUser(String value) { authenticatedUser = value; return this; }
        public Builder clientAddress(String value) { clientAddress = value; return this; }
        public Builder clientHelo(String value) { clientHelo = value; return this; }
        public Builder tls(TlsInfo value) { tls = value; return this; }
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        public Builder traceId(String value) { traceId = value; return this; }
        public Builder attempts(int value) { attempts = value; return this; }
        public Builder firstAttemptAt(Instant value) { firstAttemptAt = value; return this; }
        public Builder nextAttemptAt(Instant value) { nextAttemptAt = value; return this; }
        public Builder junk(JunkFiling value) { junk = value; return this; }
        public Builder requireTls(boolean value) { requireTls = value; return this; }

        /** @throws IllegalArgumentException naming the first field that is missing or invalid */
        public MailEnvelope build() {
            return new MailEnvelope(queueId, mailFrom, recipients, dsnReturn, envelopeId, bodyType, smtpUtf8,
                    authenticatedUser, clientAddress, clientHelo, tls, receivedAt, traceId, attempts,
                    firstAttemptAt, nextAttemptAt, junk, requireTls);
        }
    }
}
