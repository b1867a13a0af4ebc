package org.mailplatform.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;

/**
 * LOGIN (draft-murchison-sasl-login-00, obsolete but still sent by Outlook and older clients):
 * the server asks {@code Username:} then {@code Password:}, each answer one UTF-8 string. An
 * initial response is taken as the username.
 */
final class LoginExchange extends SaslExchange {

    static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_FIELD = 1024;

    private final CredentialCheck check;
    private String username;

    LoginExchange(CredentialCheck check, AuthMetrics metrics) {
        super(metrics);
        this.check = check;
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    protected SaslStep onStart() {
        return new SaslStep.Challenge(USERNAME);
    }

    @Override
    protected SaslStep onInitialResponse(byte[] response) {
        return onResponse(response);
    }

    @Override
    protected SaslStep onResponse(byte[] response) {
        Optional<String> text = field(response);
        if (text.isEmpty()) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        if (username == null) {
            username = text.get();
            return new SaslStep.Challenge(PASSWORD);
        }
        return check.check(username, text.get(), mechanism());
    }

    private static Optional<String> field(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_FIELD) {
            return Optional.empty();
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        return utf8(bytes, 0, bytes.length);
    }
}
