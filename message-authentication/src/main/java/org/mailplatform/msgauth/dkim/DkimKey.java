package org.mailplatform.msgauth.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.mailplatform.tls.InvalidCredentialsException;
import org.mailplatform.tls.PemCredentialsReader;

/**
 * One signing key of one domain: the private key, its public half and the selector under which
 * the public half is published ({@code selector._domainkey.domain}, RFC 6376 3.6.2.1).
 * {@link #toString()} never shows the private key.
 *
 * @param createdAt when the key was made or first seen; the newer of two keys of one algorithm signs
 */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey,
                      PublicKey publicKey, Instant createdAt) {

    /** RFC 8301 3.2: signers MUST use RSA keys of at least 1024 bits; 2048 is what we make. */
    public static final int MIN_RSA_BITS = 1024;
    public static final int GENERATED_RSA_BITS = 2048;

    // RFC 6376 3.1: selector = sub-domain *( "." sub-domain ), sub-domain as in RFC 5321 (letters, digits, hyphens).
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
            + "(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 4) ahead of the 32 raw key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public DkimKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(createdAt, "createdAt");
        domain = requireDomain(domain);
        selector = requireSelector(selector);
        if (algorithm == DkimAlgorithm.RSA_SHA256 && publicKey instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new InvalidDkimKeyException("RSA key of " + rsa.getModulus().bitLength() + " bits for " + selector
                    + "._domainkey." + domain + ": RFC 8301 requires at least " + MIN_RSA_BITS);
        }
    }

    /** A new key pair: RSA of {@value #GENERATED_RSA_BITS} bits, or Ed25519. */
    public static DkimKey generate(String domain, String selector, DkimAlgorithm algorithm, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                generator.initialize(GENERATED_RSA_BITS);
            }
            KeyPair pair = generator.generateKeyPair();
            return new DkimKey(domain, selector, algorithm, pair.getPrivate(), pair.getPublic(), now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " key generation is part of every JDK", e);
        }
    }

    /**
     * Reads an unencrypted private key in PEM (PKCS#8 {@code PRIVATE KEY}, or PKCS#1
     * {@code RSA PRIVATE KEY} as {@code opendkim-genkey} writes it); the algorithm follows from the key.
     */
    public static DkimKey fromPem(String domain, String selector, byte[] pem, Instant createdAt) {
        PrivateKey read;
        try {
            read = PemCredentialsReader.readPrivateKey(pem);
        } catch (InvalidCredentialsException e) {
            throw new InvalidDkimKeyException(e.getMessage(), e);
        }
        DkimAlgorithm algorithm = DkimAlgorithm.ofKeyAlgorithm(read.getAlgorithm()).orElseThrow(() ->
                new InvalidDkimKeyException("a " + read.getAlgorithm() + " key cannot sign DKIM: use RSA or Ed25519"));
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm.jcaName());
            // Normalised to the JDK's own key classes, whoever parsed the PEM.
            PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(read.getEncoded()));
            return new DkimKey(domain, selector, algorithm, key, publicKeyOf(factory, key), createdAt);
        } catch (GeneralSecurityException e) {
            throw new InvalidDkimKeyException("unusable " + algorithm.jcaName() + " key: " + e.getMessage(), e);
        }
    }

    private static PublicKey publicKeyOf(KeyFactory factory, PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof EdECPrivateKey ed) {
            byte[] seed = ed.getBytes().orElseThrow(() -> new InvalidDkimKeyException("the Ed25519 key hides its bytes"));
            byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            Arrays.fill(seed, (byte) 0);
            return factory.generatePublic(new X509EncodedKeySpec(spki(raw)));
        }
        throw new InvalidDkimKeyException("an RSA key without its CRT parameters: write it as PKCS#8 or PKCS#1");
    }

    private static byte[] spki(byte[] rawEd25519) {
        byte[] out = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + rawEd25519.length);
        System.arraycopy(rawEd25519, 0, out, ED25519_SPKI_PREFIX.length, rawEd25519.length);
        return out;
    }

    /**
     * Signs a header hash input as this key's algorithm asks: SHA256withRSA, or Ed25519 over the
     * SHA-256 hash of the input (RFC 8463 3).
     */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = newSignature();
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new DkimSigningException("internal", "signing with " + this + " failed: " + e.getMessage(), e);
        }
    }

    /** A signature initialised for signing with this key. */
    Signature newSignature() throws GeneralSecurityException {
        Signature signature = switch (algorithm) {
            case RSA_SHA256 -> Signature.getInstance("SHA256withRSA");
            case ED25519_SHA256 -> new Ed25519Sha256Signature();
        };
        signature.initSign(privateKey);
        return signature;
    }

    /** The private key as PEM PKCS#8 ({@code PRIVATE KEY}, RFC 7468 10), for storage. */
    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Where the public key is published: {@code selector._domainkey.domain} (RFC 6376 3.6.2.1). */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /**
     * The TXT record's text (RFC 6376 3.6.1): for RSA the DER SubjectPublicKeyInfo, for Ed25519
     * the 32 raw public key bytes (RFC 8463 4.2), both in base64.
     */
    public String txtRecord() {
        byte[] p = publicKey.getEncoded();
        if (algorithm == DkimAlgorithm.ED25519_SHA256) {
            p = Arrays.copyOfRange(p, p.length - 32, p.length);
        }
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }

    /**
     * The record as a zone file line. A TXT string holds at most 255 octets (RFC 1035 3.3.14), so a
     * 2048-bit RSA key is split into several strings, which verifiers join (RFC 6376 3.6.2.2).
     */
    public String zoneFileLine() {
        String text = txtRecord();
        StringBuilder strings = new StringBuilder();
        for (int i = 0; i < text.length(); i += 250) {
            strings.append(strings.isEmpty() ? "" : " ").append('"')
                    .append(text, i, Math.min(text.length(), i + 250)).append('"');
        }
        return dnsName() + ". 3600 IN TXT " + strings;
    }

    @Override
    public String toString() {
        return "DkimKey[" + dnsName() + " " + algorithm.tag() + "]";
    }

    static String requireSelector(String selector) {
        if (selector == null || selector.length() > 253 || !SELECTOR.matcher(selector).matches()) {
            throw new InvalidDkimKeyException("not a DKIM selector (RFC 6376 3.1: letters, digits, hyphens, dots): " + selector);
        }
        return selector.toLowerCase(Locale.ROOT);
    }

    static String requireDomain(String domain) {
        String d = domain == null ? null : domain.toLowerCase(Locale.ROOT);
        if (d == null || d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw new InvalidDkimKeyException("not a domain name in A-label form: " + domain);
        }
        return d;
    }
}
