package org.mailplatform.auth.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;

/**
 * One server-side SASL exchange (RFC 4422 §3), fed with decoded client messages; the framing
 * (SMTP 334, IMAP "+", POP3 "+") is the protocol's. Not thread-safe: one per AUTH command.
 * No method throws for anything the client sends.
 */
public abstract class SaslExchange {

    private final AuthMetrics metrics;
    private boolean complete;

    protected SaslExchange(AuthMetrics metrics) {
        this.metrics = metrics;
    }

    /** The mechanism name as advertised, e.g. {@code PLAIN}. */
    public abstract String mechanism();

    /** Starts the exchange, with the client's initial response if it sent one (RFC 4422 §3.3). */
    public final SaslStep begin(Optional<byte[]> initialResponse) {
        if (complete) {
            return SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE);
        }
        return finish(initialResponse.isPresent() ? onInitialResponse(initialResponse.get()) : onStart());
    }

    /** The client's answer to the last challenge, already base64-decoded. */
    public final SaslStep step(byte[] response) {
        if (complete) {
            return SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE);
        }
        return finish(onResponse(response == null ? new byte[0] : response));
    }

    /**
     * The client's answer line as sent: {@code *} cancels (RFC 4422 §3.5), anything else must be
     * base64 (an empty line is an empty response).
     */
    public final SaslStep stepBase64(String line) {
        if (complete) {
            return SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE);
        }
        String text = line == null ? "" : line.strip();
        if (text.equals("*")) {
            return cancel();
        }
        Optional<byte[]> decoded = decodeBase64(text);
        if (decoded.isEmpty()) {
            return finish(SaslStep.Failure.of(SaslFailure.MALFORMED));
        }
        return step(decoded.get());
    }

    /** The client gave up. */
    public final SaslStep cancel() {
        if (complete) {
            return SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE);
        }
        return finish(SaslStep.Failure.of(SaslFailure.CANCELLED));
    }

    public final boolean isComplete() {
        return complete;
    }

    /**
     * Decodes an initial response as SMTP (RFC 4954 §4) and IMAP (RFC 4959 §3) send it: {@code =}
     * is a present but empty response. Empty for text that is not base64.
     */
    public static Optional<byte[]> decodeInitialResponse(String text) {
        if (text != null && text.strip().equals("=")) {
            return Optional.of(new byte[0]);
        }
        return decodeBase64(text);
    }

    static Optional<byte[]> decodeBase64(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    protected abstract SaslStep onStart();

    protected abstract SaslStep onInitialResponse(byte[] response);

    protected abstract SaslStep onResponse(byte[] response);

    /** Strict UTF-8 (RFC 4616 §2, RFC 3629): empty for invalid sequences. */
    protected static Optional<String> utf8(byte[] bytes, int from, int to) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private SaslStep finish(SaslStep step) {
        if (!(step instanceof SaslStep.Challenge)) {
            complete = true;
        }
        // Password outcomes are counted by the Authenticator; these never reach it.
        if (step instanceof SaslStep.Failure f && switch (f.reason()) {
            case MALFORMED, CANCELLED, AUTHZID_REFUSED, UNSUPPORTED_MECHANISM -> true;
            default -> false;
        }) {
            metrics.record(mechanism(), f.reason().name().toLowerCase(Locale.ROOT));
        }
        return step;
    }
}
