package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.SpecialUse;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.springframework.jdbc.core.simple.JdbcClient;

class AccountRepositoryTest {

    private final MailStore store = StoreTestDatabase.store();
    private final AccountRepository accounts = store.accounts();
    private final JdbcClient jdbc = JdbcClient.create(StoreTestDatabase.dataSource());

    @Test
    void aNewAccountHasTheDefaultMailboxesWithTheirSpecialUse() {
        String domain = StoreTestDatabase.newDomain();
        Account account = StoreTestDatabase.newAccount(domain, "alice");

        assertThat(store.mailboxes().list(account.id()))
                .extracting(Mailbox::name, Mailbox::specialUse)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("INBOX", Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("Sent", Optional.of(SpecialUse.SENT)),
                        org.assertj.core.groups.Tuple.tuple("Drafts", Optional.of(SpecialUse.DRAFTS)),
                        org.assertj.core.groups.Tuple.tuple("Trash", Optional.of(SpecialUse.TRASH)),
                        org.assertj.core.groups.Tuple.tuple("Junk", Optional.of(SpecialUse.JUNK)),
                        org.assertj.core.groups.Tuple.tuple("Archive", Optional.of(SpecialUse.ARCHIVE)));
        assertThat(store.mailboxes().list(account.id())).allMatch(m -> m.subscribed() && m.selectable()
                && m.uidNext() == 1 && m.uidValidity() > 0);
    }

    @Test
    void findsAnAccountWhateverTheCaseOfItsAddress() {
        String domain = StoreTestDatabase.newDomain();
        Account created = StoreTestDatabase.newAccount(domain, "Bob.Smith");

        assertThat(accounts.findByAddress("bob.smith@" + domain.toUpperCase())).get().extracting(Account::id).isEqualTo(created.id());
        assertThat(accounts.findByAddress("BOB.SMITH@" + domain)).isPresent();
        assertThat(accounts.findById(created.id())).get().extracting(Account::address)
                .isEqualTo(new EmailAddress("Bob.Smith", domain));
        assertThat(accounts.findByAddress("nobody@" + domain)).isEmpty();
        assertThat(accounts.findByAddress("not an address")).isEmpty();
        assertThat(accounts.list(domain)).extracting(Account::id).containsExactly(created.id());
    }

    @Test
    void anAddressHasOneAccountWhateverItsCase() {
        String domain = StoreTestDatabase.newDomain();
        StoreTestDatabase.newAccount(domain, "carol");

        assertThatThrownBy(() -> StoreTestDatabase.newAccount(domain, "CAROL")).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void anAccountNeedsALocalDomain() {
        assertThatThrownBy(() -> accounts.create(EmailAddress.of("x@unknown-domain.test"), StoreTestDatabase.HASH, 0))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesAPasswordInsteadOfAHashWithoutRepeatingIt() {
        String domain = StoreTestDatabase.newDomain();

        assertThatThrownBy(() -> accounts.create(new EmailAddress("dave", domain), "correct horse battery", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("correct horse");
        assertThat(accounts.findByAddress("dave@" + domain)).isEmpty();
    }

    @Test
    void updatesHashDisabledAndQuota() {
        String domain = StoreTestDatabase.newDomain();
        Account account = StoreTestDatabase.newAccount(domain, "erin");
        String newHash = "$2a$10$abcdefghijklmnopqrstuu5Yx8PnwZyk4N0b6Vg7Y8Jx2e0z9aQm.";

        accounts.updatePasswordHash(account.id(), newHash);
        accounts.setDisabled(account.id(), true);
        accounts.setQuota(account.id(), 1_000_000);

        Account updated = accounts.findById(account.id()).orElseThrow();
        assertThat(updated.passwordHash()).isEqualTo(newHash);
        assertThat(updated.disabled()).isTrue();
        assertThat(updated.quotaBytes()).isEqualTo(1_000_000);
        assertThat(updated.hasQuota()).isTrue();
        assertThat(updated.toString()).doesNotContain(newHash).contains("erin@" + domain);
        assertThatThrownBy(() -> accounts.setDisabled(-1, true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingAnAccountRemovesItsMailboxesAndUnsharedBodies() {
        String domain = StoreTestDatabase.newDomain();
        Account account = StoreTestDatabase.newAccount(domain, "frank");
        long inbox = store.mailboxes().inbox(account.id()).id();
        long bodyId = store.messages().append(inbox, IncomingMessage.raw("Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)),
                MessageFlags.none(), Instant.now()).uid();
        long storedBody = store.messages().summaries(inbox, org.mailplatform.store.message.UidSet.of(bodyId), false).getFirst().bodyId();

        assertThat(accounts.delete(account.id())).isTrue();

        assertThat(accounts.findById(account.id())).isEmpty();
        assertThat(store.mailboxes().list(account.id())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM message_bodies WHERE id = ?").param(storedBody).query(Long.class).single()).isZero();
        assertThat(accounts.delete(account.id())).isFalse();
    }

    @Test
    void recalculatesUsedBytesFromMessages() {
        String domain = StoreTestDatabase.newDomain();
        Account account = StoreTestDatabase.newAccount(domain, "gina");
        long inbox = store.mailboxes().inbox(account.id()).id();
        store.messages().append(inbox, IncomingMessage.raw(new byte[100]), MessageFlags.none(), Instant.now());
        jdbc.sql("UPDATE accounts SET used_bytes = 5 WHERE id = ?").param(account.id()).update();

        assertThat(accounts.recalculateUsedBytes(account.id())).isEqualTo(100);
        assertThat(accounts.findById(account.id()).orElseThrow().usedBytes()).isEqualTo(100);
    }
}
