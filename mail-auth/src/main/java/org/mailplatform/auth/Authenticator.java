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
 * right password. Every failure is answered only after the {@link LoginThrottle}'s failure delay,
 * which grows with the failures counted for the name and the client, so guessing over any
 * protocol runs at the same slow pace. A password recently verified against the account's current
 * hash is found in the {@link CredentialCache} without computing Argon2 again; a failure is never
 * remembered.
 *
 * <p>Blocks (JDBC, Argon2 and the failure delay, from tens of milliseconds to seconds): call it
 * off any event loop, from the session's own (virtual) thread.
 */
public final class Authenticator {

    /** Mechanism tag for plain username/password commands (IMAP LOGIN, POP3 USER/PASS). */
    public static final String PASSWORD = "PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final CredentialCache cache;
    private final AuthMetrics metrics;
    private final String dummyHash;

    public Authenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle, AuthMetrics metrics) {
        this(accounts, hasher, throttle, CredentialCache.disabled(), metrics);
    }

    public Authenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle,
                         CredentialCache cache, AuthMetrics metrics) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.cache = cache;
        this.metrics = metrics;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public AuthOutcome authenticate(String username, String password, InetAddress client) {
        return authenticate(username, password, client, PASSWORD);
    }

    /** @param mechanism the SASL mechanism or {@link #PASSWORD}, used only to tag metrics */
    public AuthOutcome authenticate(String username, String password, InetAddress client, String mechanism) {
        Checked checked = check(username, password, client);
        metrics.record(mechanism, checked.outcome().metricName());
        pause(checked.delay());
        return checked.outcome();
    }

    /**
     * A login proved by something other than a password (an OAuth 2.0 bearer token, RFC 7628):
     * the same throttle, failure delay and metrics as a password. The credential is checked only
     * when neither the name nor the client is throttled; the account it names must exist and be
     * enabled. A rejected credential or an unknown account counts as a failure of {@code username}.
     *
     * @param username the name the client gave (the SASL authorization identity or user), counted
     *                 on failure; may be null
     */
    public AuthOutcome authenticate(String username, ExternalCredential credential, InetAddress client, String mechanism) {
        Checked checked = checkExternal(username, credential, client);
        metrics.record(mechanism, checked.outcome().metricName());
        pause(checked.delay());
        return checked.outcome();
    }

    private Checked checkExternal(String username, ExternalCredential credential, InetAddress client) {
        Optional<Duration> blocked = throttle.blockedFor(username, client);
        if (blocked.isPresent()) {
            Duration max = throttle.limits().maxFailureDelay();
            return new Checked(new AuthOutcome.Throttled(blocked.get()), blocked.get().compareTo(max) < 0 ? blocked.get() : max);
        }
        String address;
        switch (credential.verify()) {
            case ExternalCredential.Verified v -> address = v.address();
            case ExternalCredential.Rejected r -> {
                return new Checked(new AuthOutcome.BadCredentials(), throttle.recordFailure(username, client));
            }
            case ExternalCredential.Unavailable u -> {
                return new Checked(new AuthOutcome.Unavailable(), Duration.ZERO);
            }
        }
        Optional<Account> account;
        try {
            account = accounts.findByAddress(address);
        } catch (DataAccessException e) {
            log.warn("account lookup failed: {}", e.getMessage());
            return new Checked(new AuthOutcome.Unavailable(), Duration.ZERO);
        }
        if (account.isEmpty()) {
            return new Checked(new AuthOutcome.BadCredentials(), throttle.recordFailure(username == null ? address : username, client));
        }
        if (account.get().disabled()) {
            return new Checked(new AuthOutcome.Disabled(), Duration.ZERO);
        }
        throttle.recordSuccess(account.get().address().toString());
        return new Checked(new AuthOutcome.Success(account.get()), Duration.ZERO);
    }

    private Checked check(String username, String password, InetAddress client) {
        Optional<Duration> blocked = throttle.blockedFor(username, client);
        if (blocked.isPresent()) {
            Duration max = throttle.limits().maxFailureDelay();
            Duration delay = blocked.get().compareTo(max) < 0 ? blocked.get() : max;
            return new Checked(new AuthOutcome.Throttled(blocked.get()), delay);
        }
        Optional<Account> account;
        try {
            account = username == null ? Optional.empty() : accounts.findByAddress(username);
        } catch (DataAccessException e) {
            log.warn("account lookup failed: {}", e.getMessage());
            return new Checked(new AuthOutcome.Unavailable(), Duration.ZERO);
        }
        boolean valid = password != null && password.length() <= PasswordPolicy.MAX_LENGTH;
        String candidate = valid ? password : "";
        boolean matches;
        if (account.isPresent()) {
            // A remembered success spares the hash; anything else, a failure included, computes it.
            Account known = account.get();
            matches = (valid && remembered(known, password)) || (verify(candidate, known.passwordHash()) && valid);
        } else {
            // The same work as a real check, so timing does not tell unknown names apart.
            verify(candidate, dummyHash);
            matches = false;
        }
        if (!matches) {
            return new Checked(new AuthOutcome.BadCredentials(), throttle.recordFailure(username, client));
        }
        Account found = account.get();
        if (found.disabled()) {
            return new Checked(new AuthOutcome.Disabled(), Duration.ZERO);
        }
        throttle.recordSuccess(username);
        String storedHash = rehashIfWeak(found, password);
        cache.remember(found, storedHash, password);
        return new Checked(new AuthOutcome.Success(found), Duration.ZERO);
    }

    private boolean remembered(Account account, String password) {
        if (!cache.enabled()) {
            return false;
        }
        boolean hit = cache.matches(account, password);
        metrics.cacheLookup(hit);
        return hit;
    }

    private boolean verify(String password, String hash) {
        metrics.verification();
        return hasher.verify(password, hash);
    }

    // A successful login is the only moment the password is known: upgrade old or weaker hashes.
    private String rehashIfWeak(Account account, String password) {
        if (!hasher.needsRehash(account.passwordHash())) {
            return account.passwordHash();
        }
        try {
            String upgraded = hasher.hash(password);
            accounts.updatePasswordHash(account.id(), upgraded);
            return upgraded;
        } catch (RuntimeException e) {
            log.warn("could not upgrade the password hash of account {}: {}", account.id(), e.getMessage());
            return account.passwordHash();
        }
    }

    // The session's own thread waits (a virtual thread: nothing else is held up); an interrupt,
    // as at shutdown, ends the wait and the failure is answered at once.
    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An outcome and how long to hold its answer back. */
    private record Checked(AuthOutcome outcome, Duration delay) {
    }
}
