package org.mailplatform.pop3.command;

import java.util.Locale;

import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.ResponseCode;

/**
 * The negative replies of PASS and AUTH in one place. RFC 3206 5 / RFC 5034 6 (AUTH-RESP-CODE):
 * a failure caused by the credentials carries [AUTH]; RFC 3206 4: a passing problem carries
 * [SYS/TEMP], so the client retries later instead of asking the user for a new password.
 */
final class LoginReplies {

    static final Pop3Error PLAINTEXT_REFUSED =
            new Pop3Error(ResponseCode.AUTH, "Plaintext authentication not permitted before STLS");

    private LoginReplies() {
    }

    static Pop3Error forOutcome(AuthOutcome outcome) {
        return switch (outcome) {
            case AuthOutcome.BadCredentials b -> new Pop3Error(ResponseCode.AUTH, "Invalid user name or password");
            case AuthOutcome.Disabled d -> new Pop3Error(ResponseCode.AUTH, "Account disabled");
            case AuthOutcome.Throttled t -> new Pop3Error(ResponseCode.SYS_TEMP, "Too many failed logins, try again later");
            case AuthOutcome.Unavailable u -> new Pop3Error(ResponseCode.SYS_TEMP, "Authentication unavailable, try again later");
            case AuthOutcome.Success s -> throw new IllegalArgumentException("not a failure");
        };
    }

    static Pop3Error forSasl(SaslFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS -> new Pop3Error(ResponseCode.AUTH, "Invalid user name or password");
            case DISABLED -> new Pop3Error(ResponseCode.AUTH, "Account disabled");
            case AUTHZID_REFUSED -> new Pop3Error(ResponseCode.AUTH, "Not authorized to act as that user");
            case THROTTLED -> new Pop3Error(ResponseCode.SYS_TEMP, "Too many failed logins, try again later");
            case UNAVAILABLE -> new Pop3Error(ResponseCode.SYS_TEMP, "Authentication unavailable, try again later");
            case UNSUPPORTED_MECHANISM -> new Pop3Error("Unsupported authentication mechanism");
            case MALFORMED -> new Pop3Error("Invalid authentication data");
            case CANCELLED -> new Pop3Error("Authentication cancelled");
            case ALREADY_COMPLETE -> new Pop3Error("Authentication already complete");
        };
    }

    /** Whether the failure is a login attempt that counts towards closing the connection. */
    static boolean countsAsFailedLogin(SaslFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS, DISABLED, AUTHZID_REFUSED, THROTTLED, UNAVAILABLE -> true;
            default -> false;
        };
    }

    static String metricName(SaslFailure failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }
}
