package org.mailplatform.auth;

import java.text.Normalizer;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

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
 *
 * <p>Each Argon2 computation holds its memory cost (19 MiB by default) on the heap; a burst of logins
 * would otherwise hold that many times over at once. Computations beyond {@code maxConcurrent} wait
 * for a free place, which costs the waiting logins time, not the process its memory.
 */
public final class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder argon2;
    private final Semaphore computations;
    private final int maxConcurrentPermits;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    /**
     * @param memoryKib   Argon2 memory cost in KiB (RFC 9106 §4 / OWASP: 19456 KiB with 2 passes)
     * @param iterations  Argon2 passes
     * @param parallelism Argon2 lanes
     */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this(memoryKib, iterations, parallelism, 0);
    }

    /**
     * @param maxConcurrent Argon2 computations at once in this process; 0 sizes it from the heap and
     *                      the processors ({@link #defaultConcurrency})
     */
    public PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || maxConcurrent < 0) {
            throw new IllegalArgumentException("Argon2 settings out of range");
        }
        this.argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parallelism, memoryKib, iterations);
        this.maxConcurrentPermits = maxConcurrent > 0 ? maxConcurrent
                : defaultConcurrency(memoryKib, Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        this.computations = new Semaphore(maxConcurrentPermits, true);
    }

    /**
     * Twice the processors (more only queue for the CPU), but never more than an eighth of the heap
     * spent on Argon2 memory; at least one.
     */
    static int defaultConcurrency(int memoryKib, long maxHeapBytes, int processors) {
        long byMemory = maxHeapBytes / 8 / (memoryKib * 1024L);
        return (int) Math.max(1, Math.min(2L * processors, byMemory));
    }

    public int maxConcurrent() {
        return maxConcurrentPermits;
    }

    /** Computations running now. */
    int running() {
        return maxConcurrentPermits - computations.availablePermits();
    }

    /** Computations waiting for a place now. */
    int waiting() {
        return computations.getQueueLength();
    }

    public String hash(CharSequence password) {
        String prepared = prepare(password);
        return limited(() -> argon2.encode(prepared));
    }

    /** Constant-time comparison by the underlying encoders; false for anything not a known hash. */
    public boolean verify(CharSequence password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        String prepared = prepare(password);
        if (hash.startsWith("$argon2")) {
            return limited(() -> argon2.matches(prepared, hash));
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

    private <T> T limited(Supplier<T> computation) {
        computations.acquireUninterruptibly();
        try {
            return computation.get();
        } finally {
            computations.release();
        }
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
