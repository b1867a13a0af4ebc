package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
}
