package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.mailbox.Mailbox;

class AccountManagerTest {

    private final AccountRepository accounts = AuthTestSupport.store().accounts();
    private final PasswordHasher hasher = AuthTestSupport.fastHasher();
    private final AccountManager manager = new AccountManager(accounts, hasher, new PasswordPolicy(10),
            new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC()));

    @Test
    void createsAnAccountWithAHashNeverThePassword() {
        String domain = AuthTestSupport.newDomain();

        Account account = manager.createAccount("Dora@" + domain, "a long passphrase", 5_000_000);

        String stored = accounts.findById(account.id()).orElseThrow().passwordHash();
        assertThat(stored).isNotEqualTo("a long passphrase").doesNotContain("passphrase").startsWith("$argon2id$");
        assertThat(hasher.verify("a long passphrase", stored)).isTrue();
        assertThat(account.quotaBytes()).isEqualTo(5_000_000);
        assertThat(AuthTestSupport.store().mailboxes().list(account.id())).extracting(Mailbox::name)
                .contains("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        assertThatThrownBy(() -> manager.createAccount("dora@" + domain, "another long one", 0))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void thePolicyRefusesWeakPasswordsWithoutRepeatingThem() {
        String domain = AuthTestSupport.newDomain();

        assertThatThrownBy(() -> manager.createAccount("eve@" + domain, "tiny1", 0))
                .isInstanceOf(InvalidPasswordException.class).hasMessageNotContaining("tiny1");
        assertThatThrownBy(() -> manager.createAccount("eve@" + domain, "with\u0000nul-inside", 0))
                .isInstanceOf(InvalidPasswordException.class);
        assertThatThrownBy(() -> manager.createAccount("eve@" + domain, "y".repeat(1025), 0))
                .isInstanceOf(InvalidPasswordException.class);
        assertThat(accounts.findByAddress("eve@" + domain)).isEmpty();
    }

    @Test
    void changesPasswordDisablesAndDeletes() {
        String domain = AuthTestSupport.newDomain();
        Account account = manager.createAccount("finn@" + domain, "first password", 0);

        manager.setPassword("FINN@" + domain, "second password");
        manager.setDisabled("finn@" + domain, true);
        manager.setQuota("finn@" + domain, 42_000);

        Account changed = accounts.findById(account.id()).orElseThrow();
        assertThat(hasher.verify("second password", changed.passwordHash())).isTrue();
        assertThat(hasher.verify("first password", changed.passwordHash())).isFalse();
        assertThat(changed.disabled()).isTrue();
        assertThat(changed.quotaBytes()).isEqualTo(42_000);
        assertThat(manager.deleteAccount("finn@" + domain)).isTrue();
        assertThat(manager.deleteAccount("finn@" + domain)).isFalse();
        assertThatThrownBy(() -> manager.setPassword("finn@" + domain, "third password")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anAccountNeedsAnAddressInALocalDomain() {
        assertThatThrownBy(() -> manager.createAccount("no-at-sign", "long enough pw", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> manager.createAccount("x@not-local.example", "long enough pw", 0)).isInstanceOf(NotFoundException.class);
    }
}
