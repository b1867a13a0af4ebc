package org.mailplatform.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain it belongs to, leaf first.
 * Construction fails unless the key is the private half of the leaf certificate's public key, so a
 * half-rotated secret (new certificate, old key) can never be served.
 */
public record TlsCredentials(PrivateKey privateKey, List<X509Certificate> chain) {

    public TlsCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new InvalidCredentialsException("no certificate");
        }
        if (!matches(privateKey, chain.getFirst().getPublicKey())) {
            throw new InvalidCredentialsException(
                    "the private key does not belong to the first certificate (" + chain.getFirst().getSubjectX500Principal() + ")");
        }
    }

    /** The server's own certificate. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** One line for logs: subject, serial number and expiry. */
    public String describe() {
        X509Certificate leaf = leaf();
        return "subject=\"" + leaf.getSubjectX500Principal().getName() + "\" serial=" + leaf.getSerialNumber().toString(16)
                + " notAfter=" + notAfter() + " chain=" + chain.size();
    }

    /**
     * Proves possession by signing a random challenge and verifying it with the certificate's key;
     * works the same for RSA, EC and EdDSA keys without comparing key internals.
     */
    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())
                && !(isEc(privateKey.getAlgorithm()) && isEc(publicKey.getAlgorithm()))) {
            return false;
        }
        String algorithm = signatureAlgorithm(publicKey.getAlgorithm());
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isEc(String algorithm) {
        return algorithm.equals("EC") || algorithm.equals("ECDSA");
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> keyAlgorithm;
            default -> throw new InvalidCredentialsException("unsupported key algorithm " + keyAlgorithm);
        };
    }
}
