package org.mailplatform.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The one password check behind SMTP AUTH, POP3 USER/PASS and AUTH, and IMAP LOGIN and
 * AUTHENTICATE. The username is the account's full address (domain and local part compared
 * case-insensitively).
 *
 * <p>Security notes: a throttled name or client is refused before any password is looked at; an
 * unknown name is checked against a dummy hash so it takes about as long as a wrong password and
 * the response time does not reveal which accounts exist; "disabled" is only reported with the
 * right password. Blocks (JDBC and Argon2, tens of milliseconds): call it off any event loop.
 */
public final class Authenticator {

    /** Mechanism tag for plain username/password commands (IMAP LOGIN, POP3 USER/PASS). */
    public static final String PASSWORD = "PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuthMetrics metrics;
    private final String dummyHash;

    public Authenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle, AuthMetrics metrics) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.metrics = metrics;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public AuthOutcome authenticate(String username, String password, InetAddress client) {
        return authenticate(username, password, client, PASSWORD);
    }

    /** @param mechanism the SASL mechanism or {@link #PASSWORD}, used only to tag metrics */
    public AuthOutcome authenticate(String username, String password, InetAddress client, String mechanism) {
        AuthOutcome outcome = check(username, password, client);
        metrics.record(mechanism, outcome.metricName());
        return outcome;
    }

    private AuthOutcome check(String username, String password, InetAddress client) {
        Optional<Duration> blocked = throttle.blockedFor(username, client);
        if (blocked.isPresent()) {
            return new AuthOutcome.Throttled(blocked.get());
        }
        Optional<Account> account;
        try {
            account = username == null ? Optional.empty() : accounts.findByAddress(username);
        } catch (DataAccessException e) {
            log.warn("account lookup failed: {}", e.getMessage());
            return new AuthOutcome.Unavailable();
        }
        boolean valid = password != null && password.length() <= PasswordPolicy.MAX_LENGTH;
        String candidate = valid ? password : "";
        boolean matches;
        if (account.isPresent()) {
            matches = hasher.verify(candidate, account.get().passwordHash()) && valid;
        } else {
            // The same work as a real check, so timing does not tell unknown names apart.
            hasher.verify(candidate, dummyHash);
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(username, client);
            return new AuthOutcome.BadCredentials();
        }
        Account found = account.get();
        if (found.disabled()) {
            return new AuthOutcome.Disabled();
        }
        throttle.recordSuccess(username);
        rehashIfWeak(found, password);
        return new AuthOutcome.Success(found);
    }

    // A successful login is the only moment the password is known: upgrade old or weaker hashes.
    private void rehashIfWeak(Account account, String password) {
        if (!hasher.needsRehash(account.passwordHash())) {
            return;
        }
        try {
            accounts.updatePasswordHash(account.id(), hasher.hash(password));
        } catch (RuntimeException e) {
            log.warn("could not upgrade the password hash of account {}: {}", account.id(), e.getMessage());
        }
    }
}
