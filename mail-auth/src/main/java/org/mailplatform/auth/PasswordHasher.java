package org.mailplatform.auth;

import java.text.Normalizer;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashes: Argon2id for everything written (RFC 9106), bcrypt still verified for hashes
 * imported from elsewhere, and either one reported for re-hashing when it is weaker than the
 * current settings so it is upgraded at the next successful login.
 *
 * <p>Passwords are prepared as RFC 8265 §4.2 OpaqueString before hashing and verifying: non-ASCII
 * spaces become U+0020 and the text is NFC-normalised, so the same password typed on different
 * systems gives the same hash.
 */
public final class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder argon2;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    /**
     * @param memoryKib   Argon2 memory cost in KiB (RFC 9106 §4 / OWASP: 19456 KiB with 2 passes)
     * @param iterations  Argon2 passes
     * @param parallelism Argon2 lanes
     */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2 settings out of range");
        }
        this.argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parallelism, memoryKib, iterations);
    }

    public String hash(CharSequence password) {
        return argon2.encode(prepare(password));
    }

    /** Constant-time comparison by the underlying encoders; false for anything not a known hash. */
    public boolean verify(CharSequence password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        String prepared = prepare(password);
        if (hash.startsWith("$argon2")) {
            return argon2.matches(prepared, hash);
        }
        if (hash.startsWith("$2")) {
            return bcrypt.matches(prepared, hash);
        }
        return false;
    }

    /** Whether the hash is not Argon2id at the current settings. */
    public boolean needsRehash(String hash) {
        return hash == null || !hash.startsWith("$argon2id$") || argon2.upgradeEncoding(hash);
    }

    // RFC 8265 §4.2.2: map non-ASCII spaces (Unicode Zs) to SPACE, then NFC (§4.2.3).
    static String prepare(CharSequence password) {
        StringBuilder sb = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            sb.append(c > 0x7f && Character.getType(c) == Character.SPACE_SEPARATOR ? ' ' : c);
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFC);
    }
}
