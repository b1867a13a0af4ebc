package org.mailplatform.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

/** A throw-away certificate authority for tests, and the PEM encodings a TLS secret may use. */
final class TestPki {

    /** An issued certificate with its key and the authority that signed it. */
    record Issued(KeyPair keyPair, X509Certificate certificate, X509Certificate issuer) {
    }

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final X500Name caName;

    TestPki() {
        try {
            caKeys = ecKeyPair();
            caName = new X500Name("CN=Test CA");
            var builder = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(Instant.now().minus(Duration.ofHours(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(30))), caName, caKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caCertificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    X509Certificate caCertificate() {
        return caCertificate;
    }

    Issued issueEc(String hostname) {
        return issue(hostname, ecKeyPair(), Duration.ofDays(30));
    }

    Issued issueRsa(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return issue(hostname, generator.generateKeyPair(), Duration.ofDays(30));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Issued issue(String hostname, KeyPair keys, Duration validity) {
        try {
            var builder = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(Instant.now().minus(Duration.ofHours(1))),
                    Date.from(Instant.now().plus(validity)), new X500Name("CN=" + hostname), keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            return new Issued(keys, certificate, caCertificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JDK client context that trusts this authority only. */
    SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Certificates as {@code CERTIFICATE} blocks, in the order given. */
    static byte[] certificatesPem(X509Certificate... certificates) {
        return pem(certificates);
    }

    /** PKCS#1 ({@code RSA PRIVATE KEY}) for RSA, SEC1 ({@code EC PRIVATE KEY}) for EC: OpenSSL's traditional format. */
    static byte[] traditionalKeyPem(PrivateKey key) {
        return pem(key);
    }

    /**
     * SEC1 ({@code EC PRIVATE KEY}, RFC 5915) with the named curve inside the structure, preceded by an
     * {@code EC PARAMETERS} block: what {@code openssl ecparam -genkey -name prime256v1} writes.
     */
    static byte[] opensslEcKeyPem(PrivateKey key) {
        try {
            var pkcs8 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
            var curve = pkcs8.getPrivateKeyAlgorithm().getParameters();
            var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), curve);
            StringWriter out = new StringWriter();
            try (var writer = new org.bouncycastle.util.io.pem.PemWriter(out)) {
                writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PARAMETERS", curve.toASN1Primitive().getEncoded()));
                writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            }
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 ({@code PRIVATE KEY}). */
    static byte[] pkcs8KeyPem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 encrypted with a password ({@code ENCRYPTED PRIVATE KEY}). */
    static byte[] encryptedPkcs8KeyPem(PrivateKey key) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .setPassword("secret".toCharArray()).setRandom(new SecureRandom()).build();
            return pem(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }
}
