package org.mailplatform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.mailplatform.auth.credentials.AppPasswordEntry;
import org.mailplatform.auth.scram.ScramSha256;

/**
 * App passwords: random secrets, one per client, that work in place of the account password for
 * PLAIN, LOGIN and the protocols' plain password commands (not for SCRAM, which keeps using the
 * account password's verifier).
 *
 * <p>Security notes: a secret is 160 random bits written as 32 lower-case base32 characters. It
 * is stored as SHA-256(salt || secret): guessing a 160-bit secret from its hash is as hopeless
 * with a fast hash as with Argon2, while Argon2 (19 MiB, tens of milliseconds) per app password
 * per login would multiply the cost of every login by the number of app passwords an account has.
 * Comparison is constant-time.
 */
public final class AppPasswords {

    public static final int SECRET_BYTES = 20;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppPasswords() {
    }

    /** A new secret, shown to the user once. */
    public static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        StringBuilder out = new StringBuilder(SECRET_BYTES * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] hash(byte[] salt, String secret) {
        byte[] text = secret.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[salt.length + text.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(text, 0, input, salt.length, text.length);
        return ScramSha256.sha256(input);
    }

    /** The app password this candidate is, if any; every entry is compared, so timing does not say which. */
    static Optional<AppPasswordEntry> match(List<AppPasswordEntry> entries, String candidate) {
        AppPasswordEntry found = null;
        for (AppPasswordEntry entry : entries) {
            if (MessageDigest.isEqual(hash(entry.salt(), candidate), entry.secretHash()) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }
}
