package org.mailplatform.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.mailplatform.auth.credentials.ScramVerifier;
import org.mailplatform.auth.scram.ScramSha256;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.auth.LoginSecretRepository;

/**
 * Creates and changes accounts from a password (the admin API, the local stack): hashes it with
 * the {@link PasswordHasher} after the {@link PasswordPolicy} accepts it, so no plain password
 * ever reaches the store. Each time a password is set, the SCRAM-SHA-256 verifier (RFC 5802 3) is
 * derived from it as well; a password SASLprep refuses (RFC 4013 2.3) is accepted for the other
 * mechanisms and leaves the account without SCRAM. Manages the account's app passwords
 * ({@link AppPasswords}).
 */
public final class AccountManager {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final LoginSecretRepository secrets;
    private final int scramIterations;

    /** Password hashes only: no SCRAM verifiers, no app passwords. */
    public AccountManager(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle) {
        this(accounts, null, hasher, policy, throttle, ScramSha256.MIN_ITERATIONS);
    }

    /** @param secrets where verifiers and app passwords are kept; null for none */
    public AccountManager(AccountRepository accounts, LoginSecretRepository secrets, PasswordHasher hasher,
                          PasswordPolicy policy, LoginThrottle throttle, int scramIterations) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.scramIterations = scramIterations;
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
        Account account = accounts.create(parsed, hasher.hash(password), quotaBytes);
        saveScram(account.id(), password);
        return account;
    }

    /** Sets a new password and lifts any login throttle on the account's name. */
    public void setPassword(String address, String password) {
        Account account = require(address);
        policy.check(password);
        accounts.updatePasswordHash(account.id(), hasher.hash(password));
        saveScram(account.id(), password);
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

    /**
     * Creates an app password and returns it with its secret, which is not kept and cannot be
     * shown again.
     *
     * @param protocols the protocols it may be used over; empty for all
     * @throws IllegalArgumentException for a name that is not 1-64 of {@code A-Z a-z 0-9 . _ -}
     * @throws org.mailplatform.store.AlreadyExistsException when the account has one of that name
     */
    public AppPasswordInfo addAppPassword(String address, String name, Collection<LoginProtocol> protocols) {
        Account account = require(address);
        if (name == null || !APP_PASSWORD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an app password name is 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        Set<LoginProtocol> limited = protocols.isEmpty() ? Set.of() : EnumSet.copyOf(protocols);
        String secret = AppPasswords.generate();
        byte[] salt = AppPasswords.newSalt();
        LoginSecretRepository.AppPasswordRow row = requireSecrets().addAppPassword(account.id(), name, salt,
                AppPasswords.hash(salt, secret), limited.stream().map(LoginProtocol::id).collect(Collectors.toSet()));
        return new AppPasswordInfo(row.name(), limited, row.createdAt(), row.lastUsed(), Optional.of(secret));
    }

    public List<AppPasswordInfo> listAppPasswords(String address) {
        Account account = require(address);
        return requireSecrets().appPasswords(account.id()).stream()
                .map(row -> {
                    Set<LoginProtocol> protocols = EnumSet.noneOf(LoginProtocol.class);
                    row.protocols().forEach(p -> LoginProtocol.parse(p).ifPresent(protocols::add));
                    return new AppPasswordInfo(row.name(), protocols, row.createdAt(), row.lastUsed(), Optional.<String>empty());
                })
                .toList();
    }

    /**
     * Revokes at once: app passwords are read at every login and never cached.
     *
     * @return false when the account has none of that name
     */
    public boolean revokeAppPassword(String address, String name) {
        return requireSecrets().revokeAppPassword(require(address).id(), name);
    }

    private void saveScram(long accountId, String password) {
        if (secrets == null) {
            return;
        }
        ScramVerifier verifier;
        try {
            verifier = ScramSha256.derive(password, scramIterations);
        } catch (IllegalArgumentException e) {
            secrets.deleteScram(accountId);
            return;
        }
        secrets.saveScram(accountId, new LoginSecretRepository.ScramRow(verifier.salt(), verifier.iterations(),
                verifier.storedKey(), verifier.serverKey()));
    }

    private LoginSecretRepository requireSecrets() {
        if (secrets == null) {
            throw new IllegalStateException("app passwords need the login secret store");
        }
        return secrets;
    }

    private static final Pattern APP_PASSWORD_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Account require(String address) {
        return accounts.findByAddress(address).orElseThrow(() -> new NotFoundException("no account " + address));
    }
}
