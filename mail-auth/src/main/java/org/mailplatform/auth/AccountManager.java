package org.mailplatform.auth;

import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.EmailAddress;

/**
 * Creates and changes accounts from a password (the admin API, the local stack): hashes it with
 * the {@link PasswordHasher} after the {@link PasswordPolicy} accepts it, so no plain password
 * ever reaches the store.
 */
public final class AccountManager {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;

    public AccountManager(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
    }

    /**
     * Creates the account with its default mailboxes.
     *
     * @param quotaBytes {@link Account#UNLIMITED} for no quota
     * @throws InvalidPasswordException when the policy refuses the password
     * @throws IllegalArgumentException when the address is not an address
     * @throws NotFoundException when its domain is not local
     * @throws org.mailplatform.store.AlreadyExistsException when it exists
     */
    public Account createAccount(String address, String password, long quotaBytes) {
        EmailAddress parsed = EmailAddress.of(address);
        policy.check(password);
        return accounts.create(parsed, hasher.hash(password), quotaBytes);
    }

    /** Sets a new password and lifts any login throttle on the account's name. */
    public void setPassword(String address, String password) {
        Account account = require(address);
        policy.check(password);
        accounts.updatePasswordHash(account.id(), hasher.hash(password));
        throttle.lift(address);
    }

    public void setDisabled(String address, boolean disabled) {
        accounts.setDisabled(require(address).id(), disabled);
    }

    public void setQuota(String address, long quotaBytes) {
        accounts.setQuota(require(address).id(), quotaBytes);
    }

    /** Deletes the account, its mailboxes and messages; false when there was none. */
    public boolean deleteAccount(String address) {
        return accounts.findByAddress(address).map(a -> accounts.delete(a.id())).orElse(false);
    }

    private Account require(String address) {
        return accounts.findByAddress(address).orElseThrow(() -> new NotFoundException("no account " + address));
    }
}
