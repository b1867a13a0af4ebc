package org.mailplatform.auth.sasl;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.mailplatform.store.account.Account;

/** What the server says after each client message of an exchange. */
public sealed interface SaslStep {

    /** Send this challenge (RFC 4422 §3.3) and pass the client's answer to {@link SaslExchange#step}. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The challenge as the protocols put it on the wire (RFC 4648 base64, may be empty). */
        public String base64() {
            return Base64.getEncoder().encodeToString(data);
        }
    }

    /** Authenticated as this account. */
    record Success(Account account) implements SaslStep {
    }

    /** The exchange is over without success. */
    record Failure(SaslFailure reason, Optional<Duration> retryAfter) implements SaslStep {
        public static Failure of(SaslFailure reason) {
            return new Failure(reason, Optional.empty());
        }
    }
}
