package org.mailplatform.auth.sasl;

import org.mailplatform.auth.AuthMetrics;

/** Stands in for a mechanism this server does not offer: fails at once. */
final class UnsupportedExchange extends SaslExchange {

    private final String mechanism;

    UnsupportedExchange(String mechanism, AuthMetrics metrics) {
        super(metrics);
        this.mechanism = mechanism;
    }

    @Override
    public String mechanism() {
        return mechanism;
    }

    @Override
    protected SaslStep onStart() {
        return SaslStep.Failure.of(SaslFailure.UNSUPPORTED_MECHANISM);
    }

    @Override
    protected SaslStep onInitialResponse(byte[] response) {
        return onStart();
    }

    @Override
    protected SaslStep onResponse(byte[] response) {
        return onStart();
    }
}
