package org.mailplatform.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mailplatform.store.account.Account;

/**
 * Passwords verified recently, so that a client logging in again and again (a phone polling every
 * few minutes, a desktop client opening several IMAP connections) does not pay for Argon2 each
 * time, as Dovecot's auth cache spares it.
 *
 * <p>Security notes: the password is not kept. An entry is an HMAC-SHA256, under a key drawn at
 * random when the process starts (so entries mean nothing outside it), of the account id, the
 * account's stored password hash and the password. An entry matches only while the account row
 * still holds that very hash: a password change (a new hash with a new salt) or a deleted account
 * makes it useless on every replica at once, with no message between them, because every login
 * still reads the row; the caller checks the row's disabled flag as well. Only successes are
 * remembered. Entries expire after the TTL, and at most {@code maxEntries} are kept, the least
 * recently used going first.
 */
public final class CredentialCache {

    private static final String HMAC = "HmacSHA256";

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> entries;

    /** @param maxEntries 0 switches the cache off */
    public CredentialCache(Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("credential cache settings out of range");
        }
        this.ttl = ttl;
        this.maxEntries = ttl.isZero() ? 0 : maxEntries;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > CredentialCache.this.maxEntries;
            }
        };
    }

    public static CredentialCache disabled() {
        return new CredentialCache(Duration.ZERO, 0, Clock.systemUTC());
    }

    public boolean enabled() {
        return maxEntries > 0;
    }

    /** Whether this password was verified against the account's current hash within the TTL. */
    public boolean matches(Account account, String password) {
        if (!enabled()) {
            return false;
        }
        String entry = entry(account.id(), account.passwordHash(), password);
        Instant now = clock.instant();
        synchronized (entries) {
            Instant expires = entries.get(entry);
            if (expires == null) {
                return false;
            }
            if (!now.isBefore(expires)) {
                entries.remove(entry);
                return false;
            }
            return true;
        }
    }

    /** Remembers a successful check of {@code password} against {@code passwordHash}, the hash the account row holds. */
    public void remember(Account account, String passwordHash, String password) {
        if (!enabled()) {
            return;
        }
        String entry = entry(account.id(), passwordHash, password);
        Instant expires = clock.instant().plus(ttl);
        synchronized (entries) {
            entries.put(entry, expires);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private String entry(long accountId, String passwordHash, String password) {
        byte[] hash = passwordHash.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed fields, so no two different inputs give the same bytes.
        ByteBuffer input = ByteBuffer.allocate(Long.BYTES + 2 * Integer.BYTES + hash.length + secret.length)
                .putLong(accountId)
                .putInt(hash.length).put(hash)
                .putInt(secret.length).put(secret);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(input.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(input.array(), (byte) 0);
        }
    }
}
