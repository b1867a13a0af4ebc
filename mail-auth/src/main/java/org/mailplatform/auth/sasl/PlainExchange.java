package org.mailplatform.auth.sasl;

import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.store.account.EmailAddress;

/**
 * RFC 4616 PLAIN: one message {@code [authzid] NUL authcid NUL passwd}, UTF-8. With no initial
 * response the server sends an empty challenge first. An authorization identity other than the
 * authentication identity is refused: no account may act as another.
 */
final class PlainExchange extends SaslExchange {

    /** RFC 4616 §2 requires accepting 255 octets per field; more than this is abuse. */
    static final int MAX_MESSAGE = 3 * 1024 + 2;

    private final CredentialCheck check;

    PlainExchange(CredentialCheck check, AuthMetrics metrics) {
        super(metrics);
        this.check = check;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    protected SaslStep onStart() {
        return new SaslStep.Challenge(new byte[0]);
    }

    @Override
    protected SaslStep onInitialResponse(byte[] response) {
        return onResponse(response);
    }

    @Override
    protected SaslStep onResponse(byte[] message) {
        if (message.length == 0 || message.length > MAX_MESSAGE) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        int first = indexOfNul(message, 0);
        int second = first < 0 ? -1 : indexOfNul(message, first + 1);
        if (second < 0 || indexOfNul(message, second + 1) >= 0) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        Optional<String> authzid = utf8(message, 0, first);
        Optional<String> authcid = utf8(message, first + 1, second);
        Optional<String> password = utf8(message, second + 1, message.length);
        // RFC 4616 §2: authcid and passwd are 1*SAFE.
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()
                || authcid.get().isEmpty() || password.get().isEmpty()) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        if (!authzid.get().isEmpty() && !sameIdentity(authzid.get(), authcid.get())) {
            return SaslStep.Failure.of(SaslFailure.AUTHZID_REFUSED);
        }
        return check.check(authcid.get(), password.get(), mechanism());
    }

    static boolean sameIdentity(String authzid, String authcid) {
        Optional<EmailAddress> a = EmailAddress.parse(authzid);
        Optional<EmailAddress> b = EmailAddress.parse(authcid);
        if (a.isPresent() && b.isPresent()) {
            return a.get().key().equals(b.get().key());
        }
        return authzid.equals(authcid);
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
