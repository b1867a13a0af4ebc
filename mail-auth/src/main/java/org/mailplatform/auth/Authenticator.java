package org.mailplatform.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.mailplatform.auth.credentials.AppPasswordEntry;
import org.mailplatform.auth.credentials.CredentialStore;
import org.mailplatform.auth.credentials.CredentialStoreUnavailableException;
import org.mailplatform.auth.credentials.Credentials;
import org.mailplatform.auth.credentials.ScramVerifier;
import org.mailplatform.auth.credentials.StoreCredentialStore;
import org.mailplatform.auth.scram.ScramSha256;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Credentials come from one {@link CredentialStore}. A password may also be one of the account's
 * app passwords ({@link AppPasswords}): those are checked first, with a salted SHA-256 each (they
 * are random 160-bit secrets, so a slow hash would add cost and no strength), are never cached (a
 * revocation applies to the next login) and may be limited to some protocols. SCRAM logins
 * ({@link #scramLookup}, {@link #scramFinish}) go through the same throttle, failure delay and
 * metrics; a successful check of the account password derives the SCRAM verifier when the
 * account has none yet.
 *
 * <p>Blocks (JDBC, Argon2 and the failure delay, from tens of milliseconds to seconds): call it
 * off any event loop, from the session's own (virtual) thread.
 */
public final class Authenticator {

    /** Mechanism tag for plain username/password commands (IMAP LOGIN, POP3 USER/PASS). */
    public static final String PASSWORD = "PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final CredentialCache cache;
    private final AuthMetrics metrics;
    private final int scramIterations;
    private final Clock clock;
    private final String dummyHash;
    // Keys the made-up SCRAM salts of unknown names: stable per name within this process.
    private final byte[] fakeSaltKey = new byte[32];

    public Authenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle, AuthMetrics metrics) {
        this(accounts, hasher, throttle, CredentialCache.disabled(), metrics);
    }

    /** Password hashes only: no SCRAM verifiers, no app passwords. */
    public Authenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle,
                         CredentialCache cache, AuthMetrics metrics) {
        this(new StoreCredentialStore(accounts, null), hasher, throttle, cache, metrics, ScramSha256.MIN_ITERATIONS,
                Clock.systemUTC());
    }

    /** @param scramIterations PBKDF2 count for verifiers derived at login (RFC 7677 4: at least 4096) */
    public Authenticator(CredentialStore credentials, PasswordHasher hasher, LoginThrottle throttle,
                         CredentialCache cache, AuthMetrics metrics, int scramIterations, Clock clock) {
        if (scramIterations < ScramSha256.MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count below " + ScramSha256.MIN_ITERATIONS);
        }
        this.credentials = credentials;
        this.hasher = hasher;
        this.throttle = throttle;
        this.cache = cache;
        this.metrics = metrics;
        this.scramIterations = scramIterations;
        this.clock = clock;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
        new SecureRandom().nextBytes(fakeSaltKey);
    }

    public AuthOutcome authenticate(String username, String password, InetAddress client) {
        return authenticate(username, password, client, PASSWORD, null);
    }

    /** @param mechanism the SASL mechanism or {@link #PASSWORD}, used only to tag metrics */
    public AuthOutcome authenticate(String username, String password, InetAddress client, String mechanism) {
        return authenticate(username, password, client, mechanism, null);
    }

    /**
     * @param mechanism the SASL mechanism or {@link #PASSWORD}, used only to tag metrics
     * @param protocol  the protocol the login comes over, for app passwords limited to some; null
     *                  when unknown (only unrestricted app passwords then work)
     */
    public AuthOutcome authenticate(String username, String password, InetAddress client, String mechanism,
                                    LoginProtocol protocol) {
        Checked checked = check(username, password, client, protocol);
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
            return new Checked(new AuthOutcome.Throttled(blocked.get()), cappedDelay(blocked.get()));
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
            account = credentials.find(address).map(Credentials::account);
        } catch (CredentialStoreUnavailableException e) {
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

    /**
     * SCRAM's first step (RFC 5802 5): the verifier whose salt and iteration count go into the
     * server-first message. Throttled names and clients are refused here, before anything about
     * the account is revealed; an unknown name, or an account with no verifier yet, gets a made-up
     * verifier so the answer looks the same.
     */
    public ScramLookup scramLookup(String username, InetAddress client, String mechanism) {
        Optional<Duration> blocked = throttle.blockedFor(username, client);
        if (blocked.isPresent()) {
            return refuse(new AuthOutcome.Throttled(blocked.get()), cappedDelay(blocked.get()), mechanism);
        }
        Optional<Credentials> found;
        try {
            found = credentials.find(username);
        } catch (CredentialStoreUnavailableException e) {
            log.warn("account lookup failed: {}", e.getMessage());
            return refuse(new AuthOutcome.Unavailable(), Duration.ZERO, mechanism);
        }
        if (found.isPresent() && found.get().scram().isPresent()) {
            return new ScramLookup.Verifier(found.get().scram().get(), Optional.of(found.get().account()));
        }
        return new ScramLookup.Verifier(fakeVerifier(username), Optional.empty());
    }

    /**
     * SCRAM's last step: the outcome once the proof and channel binding were checked, counted,
     * delayed and throttled exactly as a password check is.
     *
     * @param valid the client proof matched the verifier and every binding check passed
     */
    public AuthOutcome scramFinish(String username, ScramLookup.Verifier lookup, boolean valid, InetAddress client,
                                   String mechanism) {
        Checked checked;
        if (!valid || lookup.account().isEmpty()) {
            checked = new Checked(new AuthOutcome.BadCredentials(), throttle.recordFailure(username, client));
        } else if (lookup.account().get().disabled()) {
            checked = new Checked(new AuthOutcome.Disabled(), Duration.ZERO);
        } else {
            throttle.recordSuccess(username);
            checked = new Checked(new AuthOutcome.Success(lookup.account().get()), Duration.ZERO);
        }
        metrics.record(mechanism, checked.outcome().metricName());
        pause(checked.delay());
        return checked.outcome();
    }

    private ScramLookup refuse(AuthOutcome outcome, Duration delay, String mechanism) {
        metrics.record(mechanism, outcome.metricName());
        pause(delay);
        return new ScramLookup.Refused(outcome);
    }

    private ScramVerifier fakeVerifier(String username) {
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        byte[] salt = Arrays.copyOf(ScramSha256.hmac(fakeSaltKey, name.getBytes(StandardCharsets.UTF_8)),
                ScramSha256.SALT_LENGTH);
        byte[] unmatchable = new byte[32];
        new SecureRandom().nextBytes(unmatchable);
        return new ScramVerifier(salt, scramIterations, unmatchable, unmatchable);
    }

    private Duration cappedDelay(Duration blocked) {
        Duration max = throttle.limits().maxFailureDelay();
        return blocked.compareTo(max) < 0 ? blocked : max;
    }

    private Checked check(String username, String password, InetAddress client, LoginProtocol protocol) {
        Optional<Duration> blocked = throttle.blockedFor(username, client);
        if (blocked.isPresent()) {
            return new Checked(new AuthOutcome.Throttled(blocked.get()), cappedDelay(blocked.get()));
        }
        Optional<Credentials> found;
        try {
            found = credentials.find(username);
        } catch (CredentialStoreUnavailableException e) {
            log.warn("account lookup failed: {}", e.getMessage());
            return new Checked(new AuthOutcome.Unavailable(), Duration.ZERO);
        }
        boolean valid = password != null && password.length() <= PasswordPolicy.MAX_LENGTH;
        String candidate = valid ? password : "";
        if (found.isPresent() && valid) {
            Optional<AppPasswordEntry> app = AppPasswords.match(found.get().appPasswords(), password);
            if (app.isPresent()) {
                return appPasswordLogin(found.get(), app.get(), username, client, protocol);
            }
        }
        boolean matches;
        if (found.isPresent()) {
            // A remembered success spares the hash; anything else, a failure included, computes it.
            Account known = found.get().account();
            matches = (valid && remembered(known, password)) || (verify(candidate, known.passwordHash()) && valid);
        } else {
            // The same work as a real check, so timing does not tell unknown names apart.
            verify(candidate, dummyHash);
            matches = false;
        }
        if (!matches) {
            return new Checked(new AuthOutcome.BadCredentials(), throttle.recordFailure(username, client));
        }
        Account account = found.get().account();
        if (account.disabled()) {
            return new Checked(new AuthOutcome.Disabled(), Duration.ZERO);
        }
        throttle.recordSuccess(username);
        String storedHash = rehashIfWeak(account, password);
        deriveScramIfMissing(found.get(), password);
        cache.remember(account, storedHash, password);
        return new Checked(new AuthOutcome.Success(account), Duration.ZERO);
    }

    // An app password limited to other protocols is as wrong as a wrong password here.
    private Checked appPasswordLogin(Credentials found, AppPasswordEntry app, String username, InetAddress client,
                                     LoginProtocol protocol) {
        if (!app.allows(protocol)) {
            return new Checked(new AuthOutcome.BadCredentials(), throttle.recordFailure(username, client));
        }
        if (found.disabled()) {
            return new Checked(new AuthOutcome.Disabled(), Duration.ZERO);
        }
        throttle.recordSuccess(username);
        try {
            credentials.appPasswordUsed(app.id(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not note the use of an app password of account {}: {}", found.account().id(), e.getMessage());
        }
        return new Checked(new AuthOutcome.Success(found.account()), Duration.ZERO);
    }

    // The password is known only now: an account created before SCRAM, or whose verifier uses fewer
    // iterations than configured, gets one derived so its next login may use SCRAM.
    private void deriveScramIfMissing(Credentials found, String password) {
        if (found.scram().isPresent() && found.scram().get().iterations() >= scramIterations) {
            return;
        }
        try {
            credentials.saveScramVerifier(found.account().id(), ScramSha256.derive(password, scramIterations));
        } catch (IllegalArgumentException e) {
            log.debug("password of account {} cannot be used with SCRAM: {}", found.account().id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("could not store the SCRAM verifier of account {}: {}", found.account().id(), e.getMessage());
        }
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
            credentials.updatePasswordHash(account.id(), upgraded);
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
