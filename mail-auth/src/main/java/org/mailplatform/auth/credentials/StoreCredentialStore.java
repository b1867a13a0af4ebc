package org.mailplatform.auth.credentials;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.auth.LoginSecretRepository;
import org.springframework.dao.DataAccessException;

/**
 * The {@link CredentialStore} over the PostgreSQL mail store: the account row from
 * {@link AccountRepository}, verifier and app passwords from {@link LoginSecretRepository}. Without
 * the latter (a store from before the SCRAM schema, some tests) there are no verifiers and no app
 * passwords.
 */
public final class StoreCredentialStore implements CredentialStore {

    private final AccountRepository accounts;
    private final LoginSecretRepository secrets;

    /** @param secrets null: accounts have password hashes only */
    public StoreCredentialStore(AccountRepository accounts, LoginSecretRepository secrets) {
        this.accounts = accounts;
        this.secrets = secrets;
    }

    @Override
    public Optional<Credentials> find(String username) {
        return guarded(() -> {
            Optional<Account> account = username == null ? Optional.empty() : accounts.findByAddress(username);
            if (account.isEmpty()) {
                return Optional.<Credentials>empty();
            }
            if (secrets == null) {
                return Optional.of(new Credentials(account.get(), Optional.empty(), List.of()));
            }
            LoginSecretRepository.Secrets found = secrets.secrets(account.get().id());
            Optional<ScramVerifier> scram = found.scram()
                    .map(r -> new ScramVerifier(r.salt(), r.iterations(), r.storedKey(), r.serverKey()));
            List<AppPasswordEntry> apps = found.appPasswords().stream()
                    .map(StoreCredentialStore::entry)
                    .flatMap(Optional::stream)
                    .toList();
            return Optional.of(new Credentials(account.get(), scram, apps));
        });
    }

    @Override
    public void updatePasswordHash(long accountId, String passwordHash) {
        guarded(() -> {
            accounts.updatePasswordHash(accountId, passwordHash);
            return null;
        });
    }

    @Override
    public void saveScramVerifier(long accountId, ScramVerifier verifier) {
        if (secrets == null) {
            return;
        }
        guarded(() -> {
            secrets.saveScram(accountId, new LoginSecretRepository.ScramRow(verifier.salt(), verifier.iterations(),
                    verifier.storedKey(), verifier.serverKey()));
            return null;
        });
    }

    @Override
    public void appPasswordUsed(long appPasswordId, Instant when) {
        if (secrets == null) {
            return;
        }
        guarded(() -> {
            secrets.markAppPasswordUsed(appPasswordId, when);
            return null;
        });
    }

    // A row limited only to protocols this version does not know is usable by none of them.
    static Optional<AppPasswordEntry> entry(LoginSecretRepository.AppPasswordRow row) {
        Set<LoginProtocol> protocols = EnumSet.noneOf(LoginProtocol.class);
        row.protocols().forEach(p -> LoginProtocol.parse(p).ifPresent(protocols::add));
        if (protocols.isEmpty() && !row.protocols().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AppPasswordEntry(row.id(), row.name(), row.salt(), row.secretHash(), protocols,
                row.createdAt(), row.lastUsed()));
    }

    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            throw new CredentialStoreUnavailableException("credential store unavailable: " + e.getMessage(), e);
        }
    }
}
