package org.mailplatform.mta.outbound.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The certificate checks of RFC 7672 3.1 and the record rules of RFC 6698 2.1 / RFC 7671, on real certificates. */
class DaneTrustManagerTest {

    private static final AtomicLong SERIAL = new AtomicLong(1);
    private static final List<String> MX = List.of("mx.example.test");

    private final KeyPair caKeys = ecKeys();
    private final X509Certificate ca = certificate("CN=Example CA", caKeys, "CN=Example CA", caKeys, true, null, Duration.ofDays(30));
    private final KeyPair serverKeys = ecKeys();

    @Test
    void daneEeMatchesTheLeafKeyWhateverItsNameAndDates() throws Exception {
        // RFC 7672 3.1.1: neither the name nor the expiry of the server certificate matter with DANE-EE.
        X509Certificate expired = certificate("CN=elsewhere.test", serverKeys, "CN=elsewhere.test", serverKeys, false,
                "elsewhere.test", Duration.ofDays(-1));
        DaneTrustManager check = manager(ee(1, 1, sha256(expired.getPublicKey().getEncoded())));

        assertThatCode(() -> check.checkServerTrusted(new X509Certificate[] {expired}, "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThat(check.mismatched()).isFalse();
    }

    @Test
    void daneEeWithTheFullCertificateAndEachMatchingType() throws Exception {
        X509Certificate leaf = leaf("mx.example.test");
        byte[] der = leaf.getEncoded();
        for (TlsaAssociation record : List.of(ee(0, 0, der), ee(0, 1, sha256(der)), ee(0, 2, sha512(der)))) {
            assertThatCode(() -> manager(record).checkServerTrusted(new X509Certificate[] {leaf, ca}, "ECDHE_ECDSA"))
                    .as("record %s", record).doesNotThrowAnyException();
        }
    }

    @Test
    void aRecordOfAnotherKeyIsAMismatch() {
        X509Certificate leaf = leaf("mx.example.test");
        DaneTrustManager check = manager(ee(1, 1, sha256(ecKeys().getPublic().getEncoded())));

        assertThatThrownBy(() -> check.checkServerTrusted(new X509Certificate[] {leaf, ca}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageStartingWith("DANE: no TLSA record");
        assertThat(check.mismatched()).isTrue();
    }

    @Test
    void daneTaAcceptsAChainToTheMatchedAuthorityThatNamesTheHost() throws Exception {
        X509Certificate leaf = leaf("mx.example.test");
        DaneTrustManager check = manager(ta(0, 1, sha256(ca.getEncoded())));

        assertThatCode(() -> check.checkServerTrusted(new X509Certificate[] {leaf, ca}, "ECDHE_ECDSA")).doesNotThrowAnyException();
    }

    @Test
    void daneTaRefusesAServerCertificateForAnotherName() {
        // RFC 7672 3.2.2: with DANE-TA the server certificate must carry the MX host name.
        X509Certificate leaf = leaf("other.example.test");
        DaneTrustManager check = manager(ta(1, 1, sha256(ca.getPublicKey().getEncoded())));

        assertThatThrownBy(() -> check.checkServerTrusted(new X509Certificate[] {leaf, ca}, "ECDHE_ECDSA"))
                .hasMessageContaining("names none of [mx.example.test]");
        assertThat(check.mismatched()).isTrue();
    }

    @Test
    void daneTaRefusesALeafTheAuthorityDidNotSign() throws Exception {
        KeyPair otherCa = ecKeys();
        X509Certificate forged = certificate("CN=mx.example.test", serverKeys, "CN=Example CA", otherCa, false,
                "mx.example.test", Duration.ofDays(30));
        DaneTrustManager check = manager(ta(0, 1, sha256(ca.getEncoded())));

        assertThatThrownBy(() -> check.checkServerTrusted(new X509Certificate[] {forged, ca}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void aWildcardStandsForOneWholeLeftmostLabel() {
        assertThat(DaneTrustManager.matchesName("*.example.test", "mx.example.test")).isTrue();
        assertThat(DaneTrustManager.matchesName("*.example.test", "a.mx.example.test")).isFalse();
        assertThat(DaneTrustManager.matchesName("*.example.test", "example.test")).isFalse();
        assertThat(DaneTrustManager.matchesName("mx.example.test.", "mx.example.test")).isTrue();
    }

    @Test
    void pkixUsagesUnknownParametersAndWrongDigestLengthsAreUnusable() {
        byte[] digest = new byte[32];
        assertThat(new TlsaAssociation(3, 1, 1, digest).usable()).isTrue();
        assertThat(new TlsaAssociation(2, 0, 1, digest).usable()).isTrue();
        // RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are not for SMTP.
        assertThat(new TlsaAssociation(0, 1, 1, digest).usable()).isFalse();
        assertThat(new TlsaAssociation(1, 1, 1, digest).usable()).isFalse();
        assertThat(new TlsaAssociation(3, 2, 1, digest).usable()).isFalse();
        assertThat(new TlsaAssociation(3, 1, 3, digest).usable()).isFalse();
        assertThat(new TlsaAssociation(3, 1, 2, digest).usable()).isFalse();
        assertThat(new TlsaAssociation(3, 1, 0, new byte[0]).usable()).isFalse();
    }

    private static DaneTrustManager manager(TlsaAssociation... records) {
        return new DaneTrustManager(List.of(records), MX);
    }

    private static TlsaAssociation ee(int selector, int matching, byte[] data) {
        return new TlsaAssociation(TlsaAssociation.DANE_EE, selector, matching, data);
    }

    private static TlsaAssociation ta(int selector, int matching, byte[] data) {
        return new TlsaAssociation(TlsaAssociation.DANE_TA, selector, matching, data);
    }

    private X509Certificate leaf(String dnsName) {
        return certificate("CN=" + dnsName, serverKeys, "CN=Example CA", caKeys, false, dnsName, Duration.ofDays(30));
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               boolean authority, String dnsName, Duration validFor) {
        try {
            Instant now = Instant.now();
            Instant notAfter = now.plus(validFor);
            Instant notBefore = validFor.isNegative() ? notAfter.minus(Duration.ofDays(30)) : now.minus(Duration.ofHours(1));
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.getAndIncrement()),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return new TlsaAssociation(3, 0, 1, new byte[0]).digest(data);
    }

    private static byte[] sha512(byte[] data) {
        return new TlsaAssociation(3, 0, 2, new byte[0]).digest(data);
    }
}
