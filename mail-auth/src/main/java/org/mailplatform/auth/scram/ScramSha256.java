package org.mailplatform.auth.scram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.mailplatform.auth.credentials.ScramVerifier;

/**
 * The SCRAM-SHA-256 computations (RFC 5802 3 with H = SHA-256 and HMAC = HMAC-SHA-256, RFC 7677 3):
 * {@code SaltedPassword = Hi(Normalize(password), salt, i)} where Hi is PBKDF2 with HMAC-SHA-256
 * (RFC 8018 5.2, one block of 32 octets), the verifier derived from it, and the proof check.
 */
public final class ScramSha256 {

    /** RFC 7677 4: the iteration count SHOULD be at least 4096. */
    public static final int MIN_ITERATIONS = 4096;
    public static final int SALT_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramSha256() {
    }

    /**
     * A verifier for the password with a fresh random salt.
     *
     * @throws IllegalArgumentException when SASLprep prohibits the password (RFC 4013 2.3)
     */
    public static ScramVerifier derive(String password, int iterations) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return derive(password, salt, iterations);
    }

    public static ScramVerifier derive(String password, byte[] salt, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count below " + MIN_ITERATIONS);
        }
        byte[] salted = saltedPassword(SaslPrep.prepare(password), salt, iterations);
        try {
            byte[] clientKey = hmac(salted, "Client Key");
            return new ScramVerifier(salt, iterations, sha256(clientKey), hmac(salted, "Server Key"));
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /** RFC 5802 3: ClientKey = ClientProof XOR ClientSignature; the proof holds when H(ClientKey) = StoredKey. */
    public static boolean proofValid(ScramVerifier verifier, byte[] authMessage, byte[] clientProof) {
        byte[] storedKey = verifier.storedKey();
        if (clientProof.length != storedKey.length) {
            return false;
        }
        byte[] signature = hmac(storedKey, authMessage);
        byte[] clientKey = new byte[signature.length];
        for (int i = 0; i < signature.length; i++) {
            clientKey[i] = (byte) (clientProof[i] ^ signature[i]);
        }
        return MessageDigest.isEqual(sha256(clientKey), storedKey);
    }

    /** RFC 5802 3: ServerSignature = HMAC(ServerKey, AuthMessage), sent as {@code v=}. */
    public static byte[] serverSignature(ScramVerifier verifier, byte[] authMessage) {
        return hmac(verifier.serverKey(), authMessage);
    }

    /** The client's side, for tests and tools: ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage). */
    public static byte[] clientProof(String password, byte[] salt, int iterations, byte[] authMessage) {
        byte[] salted = saltedPassword(SaslPrep.prepare(password), salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] signature = hmac(sha256(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return proof;
    }

    static byte[] saltedPassword(String normalized, byte[] salt, int iterations) {
        // PBKDF2 with one 32-octet block is exactly RFC 5802's Hi(); the JDK encodes the chars as UTF-8.
        PBEKeySpec spec = new PBEKeySpec(normalized.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
