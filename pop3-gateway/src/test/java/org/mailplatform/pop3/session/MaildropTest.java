package org.mailplatform.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.store.MaildropEntry;
import org.mailplatform.pop3.store.MaildropSnapshot;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.EmailAddress;

class MaildropTest {

    private static final long UID_VALIDITY = 4_294_967_295L;

    private final Maildrop maildrop = new Maildrop(new MaildropSnapshot(
            new Account(7, 1, EmailAddress.of("a@example.test"), "$argon2id$x", 0, 0, false, Instant.EPOCH),
            11, UID_VALIDITY, List.of(new MaildropEntry(3, 100), new MaildropEntry(9, 250), new MaildropEntry(12, 40))));

    @Test
    void countsAndOctetsLeaveOutDeletedMessages() throws Pop3Error {
        assertThat(maildrop.count()).isEqualTo(3);
        assertThat(maildrop.octets()).isEqualTo(390);
        maildrop.markDeleted(2);
        assertThat(maildrop.count()).isEqualTo(2);
        assertThat(maildrop.octets()).isEqualTo(140);
        assertThat(maildrop.highestNumber()).isEqualTo(3);
    }

    @Test
    void aDeletedMessageCanNotBeReferredTo() throws Pop3Error {
        maildrop.markDeleted(1);
        assertThatThrownBy(() -> maildrop.message(1)).isInstanceOf(Pop3Error.class).hasMessageContaining("already deleted");
        assertThatThrownBy(() -> maildrop.markDeleted(1)).isInstanceOf(Pop3Error.class);
    }

    @Test
    void numbersOutsideTheMaildropAreRefused() {
        assertThatThrownBy(() -> maildrop.message(0)).isInstanceOf(Pop3Error.class).hasMessage("No such message");
        assertThatThrownBy(() -> maildrop.message(4)).isInstanceOf(Pop3Error.class).hasMessage("No such message");
    }

    @Test
    void resetUnmarksEverything() throws Pop3Error {
        maildrop.markDeleted(1);
        maildrop.markDeleted(3);
        maildrop.unmarkAll();
        assertThat(maildrop.count()).isEqualTo(3);
        assertThat(maildrop.octets()).isEqualTo(390);
        assertThat(maildrop.deletedUids()).isEmpty();
    }

    @Test
    void deletedUidsAreAscending() throws Pop3Error {
        maildrop.markDeleted(3);
        maildrop.markDeleted(1);
        assertThat(maildrop.deletedUids()).containsExactly(3L, 12L);
    }

    @Test
    void uniqueIdIsUidValidityDotUidWithinRfc1939Limits() {
        String id = maildrop.uniqueId(2);
        assertThat(id).isEqualTo("4294967295.9");
        // RFC 1939 7: 1 to 70 characters in the range 0x21 to 0x7E; the largest possible pair fits.
        String largest = UID_VALIDITY + "." + 4_294_967_295L;
        assertThat(largest.length()).isLessThanOrEqualTo(70);
        assertThat(largest.chars()).allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
