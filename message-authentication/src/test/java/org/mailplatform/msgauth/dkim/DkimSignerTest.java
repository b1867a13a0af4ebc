package org.mailplatform.msgauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;
import org.junit.jupiter.api.Test;

class DkimSignerTest {

    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final DkimKey RSA = DkimKey.generate("example.test", "r2026", DkimAlgorithm.RSA_SHA256, NOW);
    private static final DkimKey ED = DkimKey.generate("example.test", "e2026", DkimAlgorithm.ED25519_SHA256, NOW);
    private static final DkimSigner SIGNER = new DkimSigner(() -> DkimKeyRing.of(List.of(RSA, ED)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String MESSAGE = """
            Received: from client.example.test by msa.example.test; Mon, 7 Dec 2026 01:00:00 +0000\r
            From: Alice <alice@Example.Test>\r
            To: Bob <bob@peer.test>,\r
            \tCarol <carol@peer.test>\r
            Subject: Lunch   at  noon?\r
            Date: Mon, 7 Dec 2026 01:00:00 +0000\r
            Message-ID: <1@example.test>\r
            \r
            Hi Bob,   \r
            \r
            shall we?\r
            \r
            \r
            """;

    @Test
    void rfc8463AppendixAEd25519SignatureVerifies() throws Exception {
        // RFC 8463 A.2 (key, public key record) and A.3 (the signed message, ed25519 signature).
        String field = "v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n d=football.example.com; i=@football.example.com;\r\n"
                + " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n subject : date : message-id : from : subject : date;\r\n"
                + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
                + " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";
        String message = "DKIM-Signature: " + field + "\r\n"
                + "From: Joe SixPack <joe@football.example.com>\r\n"
                + "To: Suzie Q <suzie@shopping.example.net>\r\n"
                + "Subject: Is dinner ready?\r\n"
                + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
                + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
                + "\r\n"
                + "Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n";
        PublicKey key = ed25519Public("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");

        assertThat(verifyEd25519(message.getBytes(StandardCharsets.US_ASCII), field, key)).isTrue();
        String altered = message.replace("Is dinner ready?", "Is dinner ready!");
        assertThat(verifyEd25519(altered.getBytes(StandardCharsets.US_ASCII), field, key)).isFalse();
    }

    @Test
    void signsOncePerAlgorithmWithTheFromDomainAndTheRecommendedFieldsOversigned() {
        List<DkimSignature> signatures = SIGNER.sign(bytes(MESSAGE));

        assertThat(signatures).extracting(DkimSignature::algorithm)
                .containsExactly(DkimAlgorithm.RSA_SHA256, DkimAlgorithm.ED25519_SHA256);
        for (DkimSignature s : signatures) {
            SignatureRecord record = record(s.field());
            assertThat(record.getDToken().toString()).isEqualTo("example.test");
            assertThat(record.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
            assertThat(record.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
            assertThat(record.getSignatureTimestamp()).isEqualTo(NOW.getEpochSecond());
            assertThat(record.getHeaders()).map(CharSequence::toString).containsExactly(
                    "from", "from", "subject", "subject", "date", "to", "to", "message-id");
            assertThat(s.field()).startsWith("DKIM-Signature: v=1;").endsWith("\r\n");
            // RFC 5322 2.1.1: lines of at most 78 characters.
            assertThat(s.field().split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        }
        assertThat(record(signatures.get(0).field()).getSelector().toString()).isEqualTo("r2026");
        assertThat(record(signatures.get(1).field()).getSelector().toString()).isEqualTo("e2026");
    }

    @Test
    void theRsaSignatureVerifiesWithJdkimAndBreaksWhenTheMessageChanges() throws Exception {
        List<DkimSignature> signatures = SIGNER.sign(bytes(MESSAGE));
        byte[] signed = DkimSigner.prepend(signatures.subList(0, 1), bytes(MESSAGE));
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) ->
                selector.toString().equals("r2026") && domain.toString().equals("example.test")
                        ? List.of(RSA.txtRecord()) : List.of());

        List<SignatureRecord> passed = verifier.verify(new ByteArrayInputStream(signed));
        assertThat(passed).hasSize(1);

        // Relaxed canonicalisation: re-folding and white space changes do not matter (RFC 6376 3.4.2, 3.4.4)...
        byte[] refolded = new String(signed, StandardCharsets.US_ASCII)
                .replace("Subject: Lunch   at  noon?", "Subject:   Lunch at noon?")
                .replace("Hi Bob,   \r\n", "Hi Bob,\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier.verify(new ByteArrayInputStream(refolded))).hasSize(1);
        // ...a changed word does, and so does a second Subject (oversigned, RFC 6376 8.15).
        byte[] changed = new String(signed, StandardCharsets.US_ASCII).replace("shall we?", "shall we not?")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(verifyQuietly(verifier, changed)).isFalse();
        byte[] secondSubject = new String(signed, StandardCharsets.US_ASCII)
                .replace("Date:", "Subject: Pay now\r\nDate:").getBytes(StandardCharsets.US_ASCII);
        assertThat(verifyQuietly(verifier, secondSubject)).isFalse();
    }

    @Test
    void theEd25519SignatureIsEd25519OverTheSha256OfTheCanonicalHeaders() throws Exception {
        List<DkimSignature> signatures = SIGNER.sign(bytes(MESSAGE));
        byte[] signed = DkimSigner.prepend(signatures, bytes(MESSAGE));
        String field = signatures.get(1).field();
        String value = field.substring(field.indexOf(':') + 1, field.length() - 2);

        assertThat(verifyEd25519(signed, value, ED.publicKey())).isTrue();
        assertThat(verifyEd25519(signed, value, DkimKey.generate("example.test", "x", DkimAlgorithm.ED25519_SHA256, NOW).publicKey()))
                .isFalse();
        byte[] otherFrom = new String(signed, StandardCharsets.US_ASCII).replace("From: Alice", "From: Mallory")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(verifyEd25519(otherFrom, value, ED.publicKey())).isFalse();
        // RFC 8463 3: one 64-octet Ed25519 signature.
        assertThat(record(field).getSignature()).hasSize(64);
    }

    @Test
    void bothSignaturesShareTheRelaxedBodyHash() {
        List<DkimSignature> signatures = SIGNER.sign(bytes(MESSAGE));
        // RFC 6376 3.4.4: trailing white space and trailing empty lines do not count.
        byte[] expected = sha256("Hi Bob,\r\n\r\nshall we?\r\n");
        assertThat(signatures).allSatisfy(s -> assertThat(record(s.field()).getBodyHash()).isEqualTo(expected));
    }

    @Test
    void aBlankBodyHashesAsTheEmptyString() {
        List<DkimSignature> signatures = SIGNER.sign(bytes("From: alice@example.test\r\nSubject: empty\r\n"));
        // RFC 6376 3.4.4: the relaxed canonical form of an empty body is the empty string.
        assertThat(record(signatures.getFirst().field()).getBodyHash()).isEqualTo(sha256(""));
        List<DkimSignature> blank = SIGNER.sign(bytes("From: alice@example.test\r\n\r\n \t\r\n\r\n"));
        assertThat(record(blank.getFirst().field()).getBodyHash()).isEqualTo(sha256(""));
    }

    @Test
    void nothingToSignWithoutAKeyOrASingleFromDomain() {
        assertThat(SIGNER.sign(bytes("From: someone@elsewhere.test\r\n\r\nx\r\n"))).isEmpty();
        assertThat(SIGNER.sign(bytes("To: bob@peer.test\r\n\r\nx\r\n"))).isEmpty();
        assertThat(SIGNER.sign(bytes("From: a@example.test\r\nFrom: b@example.test\r\n\r\nx\r\n"))).isEmpty();
        assertThat(SIGNER.sign(bytes("From: a@example.test, b@elsewhere.test\r\n\r\nx\r\n"))).isEmpty();
        assertThat(SIGNER.sign(bytes("From: a@example.test, \"B\" <b@example.test>\r\n\r\nx\r\n"))).hasSize(2);
    }

    @Test
    void aMalformedHeaderSectionIsRefusedWithAReason() {
        assertThatThrownBy(() -> SIGNER.sign(bytes("From: a@example.test\nSubject: bare LF\r\n\r\nx\r\n")))
                .isInstanceOfSatisfying(DkimSigningException.class, e -> assertThat(e.reason()).isEqualTo("malformed"));
        assertThatThrownBy(() -> SIGNER.sign(bytes(" continued: first\r\nFrom: a@example.test\r\n\r\n")))
                .isInstanceOf(DkimSigningException.class);
        assertThatThrownBy(() -> SIGNER.sign(bytes("From: a@example.test\r\nno colon here\r\n\r\n")))
                .isInstanceOf(DkimSigningException.class);
        byte[] latin1 = "From: J\u00f6rg <j@example.test>\r\n\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SIGNER.sign(latin1)).isInstanceOf(DkimSigningException.class);
    }

    @Test
    void aUtf8HeaderIsSignedAsItsBytes() throws Exception {
        byte[] message = "From: J\u00f6rg <alice@example.test>\r\nSubject: Gr\u00fc\u00dfe\r\n\r\nx\r\n"
                .getBytes(StandardCharsets.UTF_8);
        List<DkimSignature> signatures = SIGNER.sign(message);
        String field = signatures.get(1).field();
        assertThat(verifyEd25519(DkimSigner.prepend(signatures, message), field.substring(15, field.length() - 2),
                ED.publicKey())).isTrue();
    }

    private static boolean verifyQuietly(DKIMVerifier verifier, byte[] message) {
        try {
            return !verifier.verify(new ByteArrayInputStream(message)).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** RFC 8463 3 / RFC 6376 3.7, recomputed: body hash compared, then Ed25519 over SHA-256 of the header hash input. */
    private static boolean verifyEd25519(byte[] message, String fieldValue, PublicKey key) throws Exception {
        SignatureRecordImpl record = new SignatureRecordImpl(fieldValue);
        MessageHeaderFields headers = MessageHeaderFields.parse(message);
        byte[] body = java.util.Arrays.copyOfRange(message, headers.bodyOffset(), message.length);
        org.apache.james.jdkim.impl.BodyHasherImpl hasher = new org.apache.james.jdkim.impl.BodyHasherImpl(record);
        hasher.getOutputStream().write(body);
        hasher.getOutputStream().close();
        if (!java.util.Arrays.equals(hasher.getDigest(), record.getBodyHash())) {
            return false;
        }
        Ed25519Sha256Signature signature = new Ed25519Sha256Signature();
        signature.initVerify(key);
        HeaderHashInput.feed(headers, record, signature);
        return signature.verify(record.getSignature());
    }

    static PublicKey ed25519Public(String rawBase64) throws Exception {
        byte[] raw = Base64.getDecoder().decode(rawBase64);
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static SignatureRecord record(String field) {
        return new SignatureRecordImpl(field.substring(field.indexOf(':') + 1, field.length() - 2));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes(text));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
