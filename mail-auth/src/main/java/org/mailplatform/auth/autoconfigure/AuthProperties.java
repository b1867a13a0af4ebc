package org.mailplatform.auth.autoconfigure;

import java.time.Duration;

import org.mailplatform.auth.LoginThrottle;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.auth.*}: password hashing cost, login throttling, the credential cache,
 * password policy and the SCRAM verifier's cost.
 *
 * @param passwordMinLength shortest password {@code AccountManager} accepts (in characters)
 */
@ConfigurationProperties(prefix = "mailplatform.auth")
public record AuthProperties(@DefaultValue Argon2 argon2, @DefaultValue Throttle throttle,
                             @DefaultValue Cache credentialCache,
                             @DefaultValue("8") int passwordMinLength, @DefaultValue Scram scram) {

    /**
     * SCRAM-SHA-256 verifiers (RFC 7677).
     *
     * @param iterations PBKDF2 iteration count of newly derived verifiers; at least 4096 (RFC 7677 4).
     *                   An account whose verifier has fewer gets a new one at its next PLAIN/LOGIN login.
     */
    public record Scram(@DefaultValue("4096") int iterations) {
    }

    /**
     * Argon2id cost (RFC 9106 §4; the default is OWASP's 19 MiB, 2 passes, 1 lane).
     *
     * @param maxConcurrent computations at once per process, each holding {@code memoryKib} of heap;
     *                      0: twice the processors, at most an eighth of the heap's worth
     */
    public record Argon2(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
                         @DefaultValue("1") int parallelism, @DefaultValue("0") int maxConcurrent) {
    }

    /**
     * Failure delay and throttling.
     *
     * @param accountMaxFailures failures per account name within {@code window} before refusing
     * @param addressMaxFailures failures per client address (IPv6: per prefix) before refusing
     * @param window             how long a failure is remembered
     * @param initialDelay       first refusal period, doubled for each further failure
     * @param maxDelay           longest refusal period
     * @param maxTrackedKeys     memory bound on names and addresses tracked
     * @param ipv6PrefixLength   IPv6 addresses sharing this prefix count as one client
     * @param failureDelay       pause before answering a failed login, doubled per further failure
     *                           counted for the name or the client
     * @param maxFailureDelay    longest such pause
     * @param shared             count in the database, shared by all replicas (false: in memory,
     *                           per replica)
     */
    public record Throttle(@DefaultValue("5") int accountMaxFailures, @DefaultValue("20") int addressMaxFailures,
                           @DefaultValue("15m") Duration window, @DefaultValue("2s") Duration initialDelay,
                           @DefaultValue("15m") Duration maxDelay, @DefaultValue("100000") int maxTrackedKeys,
                           @DefaultValue("64") int ipv6PrefixLength, @DefaultValue("1s") Duration failureDelay,
                           @DefaultValue("15s") Duration maxFailureDelay, @DefaultValue("true") boolean shared) {

        public LoginThrottle.Limits limits() {
            return new LoginThrottle.Limits(accountMaxFailures, addressMaxFailures, window, initialDelay, maxDelay,
                    maxTrackedKeys, ipv6PrefixLength, failureDelay, maxFailureDelay);
        }
    }

    /**
     * Recently verified passwords, kept as keyed hashes ({@link org.mailplatform.auth.CredentialCache}).
     *
     * @param ttl        how long a verified password is remembered; 0 switches the cache off
     * @param maxEntries how many are remembered at most; 0 switches the cache off
     */
    public record Cache(@DefaultValue("1h") Duration ttl, @DefaultValue("10000") int maxEntries) {
    }
}
