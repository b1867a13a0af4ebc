package org.mailplatform.records.tracing;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

/** Tracing off: every call returns at once. */
final class NoMailTracing implements MailTracing, MailSpan {

    static final NoMailTracing INSTANCE = new NoMailTracing();
    private static final MailScope NO_SCOPE = () -> {
    };

    private NoMailTracing() {
    }

    @Override
    public MailSpan receive(String name, Instant startedAt) {
        return this;
    }

    @Override
    public MailSpan consume(String name, Map<String, String> carrier) {
        return this;
    }

    @Override
    public MailSpan consume(String name, Headers headers) {
        return this;
    }

    @Override
    public MailSpan call(MailSpan parent, String name, Instant startedAt) {
        return this;
    }

    @Override
    public Map<String, String> carrier(Headers headers) {
        return Map.of();
    }

    @Override
    public void inject(Headers headers) {
    }

    @Override
    public MailSpan tag(String key, String value) {
        return this;
    }

    @Override
    public MailSpan tagMessageId(byte[] message) {
        return this;
    }

    @Override
    public void error(Throwable cause) {
    }

    @Override
    public MailScope inScope() {
        return NO_SCOPE;
    }

    @Override
    public void end() {
    }
}
