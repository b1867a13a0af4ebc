package org.mailplatform.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The own-address rule of {@link SenderOwnership}; aliases are covered over SMTP in SubmissionTest. */
class SenderOwnershipTest {

    @Test
    void theAccountsAddressAndItsSubaddressesAreItsOwnCaseInsensitively() {
        assertThat(SenderOwnership.ownAddress("alice@example.test", "alice@example.test")).isTrue();
        assertThat(SenderOwnership.ownAddress("alice@example.test", "Alice@EXAMPLE.test")).isTrue();
        assertThat(SenderOwnership.ownAddress("alice@example.test", "alice+news@example.test")).isTrue();
    }

    @Test
    void otherAddressesAreNotDecidedWithoutTheStore() {
        assertThat(SenderOwnership.ownAddress("alice@example.test", "alice@other.test")).isFalse();
        assertThat(SenderOwnership.ownAddress("alice@example.test", "alicia@example.test")).isFalse();
        assertThat(SenderOwnership.ownAddress("alice@example.test", "bob+alice@example.test")).isFalse();
        assertThat(SenderOwnership.ownAddress("alice+x@example.test", "alice@example.test")).isFalse();
        assertThat(SenderOwnership.ownAddress("alice@example.test", "")).isFalse();
        assertThat(SenderOwnership.ownAddress(null, "alice@example.test")).isFalse();
    }

    @Test
    void theOwnAddressNeedsNoLookup() {
        // No store behind it: a lookup would fail with a NullPointerException.
        SenderOwnership ownership = new SenderOwnership(null, null);
        assertThat(ownership.owns("alice@example.test", "alice+lists@example.test")).isTrue();
    }
}
