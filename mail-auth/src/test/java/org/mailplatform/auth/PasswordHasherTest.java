package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHasherTest {

    @Test
    void aHashVerifiesItsPasswordAndNothingElse() {
        PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        PasswordHasher hasher = AuthTestSupport.fastHasher();

        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void importedBcryptHashesVerifyAndAskForRehashing() {
        PasswordHasher hasher = AuthTestSupport.fastHasher();
        String bcrypt = new BCryptPasswordEncoder(4).encode("legacy-password");

        assertThat(hasher.verify("legacy-password", bcrypt)).isTrue();
        assertThat(hasher.verify("other", bcrypt)).isFalse();
        assertThat(hasher.needsRehash(bcrypt)).isTrue();
    }

    @Test
    void aHashWeakerThanTheSettingsAsksForRehashing() {
        String weak = AuthTestSupport.fastHasher().hash("pw");

        assertThat(new PasswordHasher(19456, 2, 1).needsRehash(weak)).isTrue();
        assertThat(new PasswordHasher(19456, 2, 1).verify("pw", weak)).isTrue();
    }

    @Test
    void passwordsArePreparedAsOpaqueStrings() {
        PasswordHasher hasher = AuthTestSupport.fastHasher();
        String composed = hasher.hash("caf\u00e9\u00a0bar");

        // RFC 8265: NFC (e + combining acute = é) and non-ASCII space mapped to SPACE.
        assertThat(hasher.verify("cafe\u0301 bar", composed)).isTrue();
    }

    @Test
    void garbageInsteadOfAHashNeverMatches() {
        PasswordHasher hasher = AuthTestSupport.fastHasher();

        assertThat(hasher.verify("x", "x")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$broken")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify(null, hasher.hash("x"))).isFalse();
    }

    @Test
    void aBurstOfLoginsComputesAtMostTheAllowedNumberOfHashesAtOnce() throws Exception {
        PasswordHasher hasher = new PasswordHasher(4096, 2, 1, 2);
        String hash = hasher.hash("secret");
        List<Thread> logins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Platform threads: CPU-bound virtual threads would never outnumber their carriers and so never queue.
            logins.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < 5; n++) {
                    assertThat(hasher.verify("secret", hash)).isTrue();
                }
            }));
        }
        int mostRunning = 0;
        int mostWaiting = 0;
        while (logins.stream().anyMatch(Thread::isAlive)) {
            mostRunning = Math.max(mostRunning, hasher.running());
            mostWaiting = Math.max(mostWaiting, hasher.waiting());
            Thread.onSpinWait();
        }
        assertThat(mostRunning).isBetween(1, 2);
        assertThat(mostWaiting).as("logins that waited for a place").isPositive();
        assertThat(hasher.running()).isZero();
    }

    @Test
    void theDefaultConcurrencyFollowsProcessorsAndHeap() {
        // 2 processors, plenty of heap: twice the processors.
        assertThat(PasswordHasher.defaultConcurrency(19456, 4L << 30, 2)).isEqualTo(4);
        // 384 MiB heap: an eighth of it is 48 MiB, two computations of 19 MiB.
        assertThat(PasswordHasher.defaultConcurrency(19456, 384L << 20, 8)).isEqualTo(2);
        // A tiny heap still lets one login through.
        assertThat(PasswordHasher.defaultConcurrency(19456, 32L << 20, 8)).isEqualTo(1);
    }
}
