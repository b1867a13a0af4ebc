package org.mailplatform.mta.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mailplatform.msgauth.arc.ArcResult;
import org.mailplatform.msgauth.arc.ArcSealer;
import org.mailplatform.msgauth.arc.ArcVerifier;
import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimSigner;
import org.mailplatform.msgauth.dkim.DkimVerifier;
import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;

class OutboundSignerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final DkimKey ED = DkimKey.generate("example.test", "e1", DkimAlgorithm.ED25519_SHA256, NOW.minusSeconds(60));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<List<DkimKey>> stored = new AtomicReference<>(List.of(ED));

    @Test
    void signsSubmittedMailOnceAndCountsIt() {
        try (DkimKeys keys = keys()) {
            OutboundSigner signer = signer(keys);
            MailRecord signed = signer.sign(record("alice@example.test", 0, "From: alice@example.test\r\n\r\nhi\r\n"));
            assertThat(text(signed)).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;");
            assertThat(meters.counter("mail.mta.dkim.signed", "domain", "example.test", "algorithm", "ed25519-sha256").count())
                    .isEqualTo(1);

            // A retry already carries the signature; forwarded mail has no authenticated user.
            MailRecord retry = record("alice@example.test", 1, text(signed));
            assertThat(signer.sign(retry)).isSameAs(retry);
            MailRecord forwarded = record(null, 0, "From: alice@example.test\r\n\r\nhi\r\n");
            assertThat(signer.sign(forwarded)).isSameAs(forwarded);
        }
    }

    @Test
    void mailFromOutsideForwardedToARemoteAliasTargetIsArcSealedByTheAliasDomain() {
        try (DkimKeys keys = keys()) {
            OutboundSigner signer = signer(keys);
            String arrived = "Delivered-To: list@example.test\r\n"
                    + "Authentication-Results: mx.example.test;\r\n\tspf=pass smtp.mailfrom=peer.test;\r\n\tarc=none\r\n"
                    + "From: carol@peer.test\r\nSubject: hello\r\n\r\nhi\r\n";

            MailRecord sealed = signer.sign(record(null, 0, arrived));

            assertThat(text(sealed)).startsWith("ARC-Seal: i=1; cv=none; a=ed25519-sha256; d=example.test; s=e1;")
                    .contains("ARC-Authentication-Results: i=1; mx.example.test;\r\n\tspf=pass")
                    .doesNotContain("DKIM-Signature");
            ArcVerifier verifier = new ArcVerifier(new DkimVerifier((name, type) -> name.equals(ED.dnsName())
                    ? new DnsAnswer.Records(List.of(ED.txtRecord())) : new DnsAnswer.NoSuchName(),
                    Clock.fixed(NOW, ZoneOffset.UTC), 5));
            assertThat(verifier.verify(sealed.message()).outcome()).isEqualTo(ArcResult.Outcome.PASS);
            assertThat(meters.counter("mail.arc.sealed", "domain", "example.test", "cv", "none").count()).isEqualTo(1);

            // Not a forward (no Delivered-To on top), a domain without a key, or no results of ours: no set.
            MailRecord relayed = record(null, 0, arrived.substring(arrived.indexOf("\r\n") + 2));
            assertThat(signer.sign(relayed)).isSameAs(relayed);
            MailRecord foreign = record(null, 0, arrived.replace("list@example.test", "list@other.test"));
            assertThat(signer.sign(foreign)).isSameAs(foreign);
            MailRecord unchecked = record(null, 0, arrived.replace("mx.example.test;", "mx.other.test;"));
            assertThat(signer.sign(unchecked)).isSameAs(unchecked);
        }
    }

    @Test
    void aMessageThatCannotBeSignedGoesOutUnsignedAndCounted() {
        try (DkimKeys keys = keys()) {
            MailRecord malformed = record("alice@example.test", 0, "From: alice@example.test\nbare LF\r\n\r\nhi\r\n");
            assertThat(signer(keys).sign(malformed)).isSameAs(malformed);
            assertThat(meters.counter("mail.mta.dkim.failures", "reason", "malformed").count()).isEqualTo(1);
        }
    }

    @Test
    void aStoredKeySignsFromItsInstantAndAFailedReadKeepsTheKeysReadBefore() {
        DkimKey later = DkimKey.generate("example.test", "e2", DkimAlgorithm.ED25519_SHA256, NOW.plusSeconds(3600));
        stored.set(List.of(ED, later));
        try (DkimKeys keys = keys()) {
            assertThat(keys.get().signingKeys("example.test")).containsExactly(ED);
            stored.set(null);
            keys.reload();
            assertThat(keys.get().signingKeys("example.test")).containsExactly(ED);
        }
    }

    private DkimKeys keys() {
        return new DkimKeys(null, () -> new ArrayList<>(stored.get()), Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private OutboundSigner signer(DkimKeys keys) {
        SigningMetrics metrics = new SigningMetrics(meters);
        return new OutboundSigner(new DkimSigner(keys, Clock.fixed(NOW, ZoneOffset.UTC)), metrics,
                new ArcForwardSealer(new ArcSealer(Clock.fixed(NOW, ZoneOffset.UTC)), keys, "mx.example.test", metrics));
    }

    private static MailRecord record(String user, int attempts, String message) {
        MailEnvelope envelope = MailEnvelope.builder().queueId("Q1").mailFrom("alice@example.test").authenticatedUser(user)
                .recipients(List.of(Recipient.of("bob@peer.test"))).receivedAt(NOW).attempts(attempts)
                .firstAttemptAt(attempts > 0 ? NOW : null).build();
        return new MailRecord(envelope, message.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(MailRecord record) {
        return new String(record.message(), StandardCharsets.UTF_8);
    }
}
