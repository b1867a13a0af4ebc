package org.mailplatform.records.codec;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.JunkFiling;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientState;
import org.mailplatform.records.TlsInfo;

/** Envelope header, version 1: the wire names, kept apart from {@link MailEnvelope} so both can evolve. */
record EnvelopeJson(
        Integer v,
        String id,
        String from,
        List<RecipientJson> rcpt,
        String ret,
        String envid,
        String body,
        Boolean utf8,
        String auth,
        String clientAddr,
        String helo,
        String tlsProtocol,
        String tlsCipher,
        String received,
        String trace,
        Integer attempts,
        String firstAttempt,
        String nextAttempt,
        JunkJson junk,
        Boolean requireTls) {

    static final int VERSION = 1;

    /**
     * Optional, added within version 1: a reader that does not know it delivers to INBOX, which
     * loses no mail (README "Versioning rule"). {@code requireTls} likewise: absent is false.
     */
    record JunkJson(String reason) {
        static JunkJson of(JunkFiling filing) {
            return filing == null ? null : new JunkJson(filing.reason());
        }

        JunkFiling toFiling() {
            return new JunkFiling(reason);
        }
    }

    record RecipientJson(
            String to,
            @JsonProperty("notify") List<String> dsnNotify,
            String orcptType,
            String orcpt,
            String state,
            String status,
            String diag) {

        static RecipientJson of(Recipient r) {
            OriginalRecipient o = r.originalRecipient();
            return new RecipientJson(r.address(), Names.of(r.dsnNotify()), o == null ? null : o.addressType(),
                    o == null ? null : o.address(),
                    r.state() == RecipientState.PENDING ? null : r.state().name(), r.lastStatus(), r.lastDiagnostic());
        }

        Recipient toRecipient() {
            return new Recipient(to, Names.notify(dsnNotify), Names.orcpt(orcptType, orcpt),
                    state == null ? RecipientState.PENDING : RecipientState.valueOf(state), status, diag);
        }
    }

    static EnvelopeJson of(MailEnvelope e) {
        TlsInfo tls = e.tls();
        return new EnvelopeJson(VERSION, e.queueId(), e.mailFrom(),
                e.recipients().stream().map(RecipientJson::of).toList(),
                e.dsnReturn() == null ? null : e.dsnReturn().name(), e.envelopeId(), e.bodyType().keyword(),
                e.smtpUtf8() ? Boolean.TRUE : null, e.authenticatedUser(), e.clientAddress(), e.clientHelo(),
                tls == null ? null : tls.protocol(), tls == null ? null : tls.cipherSuite(),
                e.receivedAt().toString(), e.traceId(), e.attempts() == 0 ? null : e.attempts(),
                Names.instant(e.firstAttemptAt()), Names.instant(e.nextAttemptAt()), JunkJson.of(e.junk()),
                e.requireTls() ? Boolean.TRUE : null);
    }

    MailEnvelope toEnvelope() {
        if (rcpt == null) {
            throw new IllegalArgumentException("rcpt is required");
        }
        if ((tlsProtocol == null) != (tlsCipher == null)) {
            throw new IllegalArgumentException("tlsProtocol and tlsCipher come together");
        }
        return new MailEnvelope(id, from, rcpt.stream().map(RecipientJson::toRecipient).toList(),
                ret == null ? null : DsnReturn.valueOf(ret), envid,
                body == null ? BodyType.SEVEN_BIT : BodyType.fromKeyword(body), Boolean.TRUE.equals(utf8), auth,
                clientAddr, helo, tlsProtocol == null ? null : new TlsInfo(tlsProtocol, tlsCipher),
                received == null ? null : Instant.parse(received), trace, attempts == null ? 0 : attempts,
                Names.instant(firstAttempt), Names.instant(nextAttempt), junk == null ? null : junk.toFiling(),
                Boolean.TRUE.equals(requireTls));
    }

    /** Conversions shared by the header types. */
    static final class Names {
        private Names() {
        }

        static List<String> of(Set<DsnNotify> notify) {
            return notify.isEmpty() ? null : notify.stream().sorted().map(Enum::name).toList();
        }

        static Set<DsnNotify> notify(List<String> names) {
            return names == null ? Set.of() : names.stream().map(DsnNotify::valueOf).collect(Collectors.toSet());
        }

        static OriginalRecipient orcpt(String type, String address) {
            if (type == null && address == null) {
                return null;
            }
            return new OriginalRecipient(type, address);
        }

        static String instant(Instant at) {
            return at == null ? null : at.toString();
        }

        static Instant instant(String at) {
            return at == null ? null : Instant.parse(at);
        }
    }
}
