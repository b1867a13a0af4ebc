package org.mailplatform.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.ScramLookup;
import org.mailplatform.auth.scram.ScramSha256;
import org.mailplatform.store.account.Account;

/**
 * SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (RFC 5802, RFC 7677), server side. The client sends
 * client-first (possibly as the initial response), the server answers server-first with its nonce,
 * the salt and the iteration count, the client sends client-final with its proof, the server sends
 * server-final ({@code v=ServerSignature}) as a last challenge, which the client acknowledges with
 * an empty response (RFC 4422 3.6: the protocols here carry no data with success).
 *
 * <p>Channel binding (RFC 5802 6): the -PLUS mechanism requires {@code p=tls-exporter} (RFC 9266)
 * and checks the binding data in {@code c=} against the connection's own. The plain mechanism
 * takes {@code n}; {@code y} (the client could bind but thinks the server cannot) fails when this
 * connection offers -PLUS, as that means someone removed it from the advertisement. Every such
 * binding failure, like a wrong proof, is answered only after the whole exchange, as a bad
 * password is, so it is throttled and delayed the same way.
 */
final class ScramExchange extends SaslExchange {

    static final String NAME = "SCRAM-SHA-256";
    static final String PLUS = "SCRAM-SHA-256-PLUS";
    /** Far above any real client's messages; longer ones are abuse. */
    static final int MAX_MESSAGE = 4096;

    /** What the exchange asks of the Authenticator. */
    interface Backend {
        ScramLookup lookup(String username, String mechanism);

        AuthOutcome finish(String username, ScramLookup.Verifier lookup, boolean valid, String mechanism);
    }

    private enum State { CLIENT_FIRST, CLIENT_FINAL, ACKNOWLEDGE }

    private final boolean plus;
    private final ChannelBinding binding;
    private final Backend backend;
    private final Supplier<String> serverNonce;

    private State state = State.CLIENT_FIRST;
    private String gs2Header;
    private boolean bindingRequested;
    private boolean doomed;
    private String username;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramLookup.Verifier lookup;
    private Account authenticated;

    /**
     * @param binding     this connection's channel binding; with one, -PLUS is advertised here
     * @param serverNonce the server's part of the nonce (printable, no comma)
     */
    ScramExchange(boolean plus, ChannelBinding binding, Backend backend, Supplier<String> serverNonce, AuthMetrics metrics) {
        super(metrics);
        this.plus = plus;
        this.binding = binding;
        this.backend = backend;
        this.serverNonce = serverNonce;
    }

    @Override
    public String mechanism() {
        return plus ? PLUS : NAME;
    }

    @Override
    protected SaslStep onStart() {
        // RFC 5802 5: the client speaks first; an empty challenge asks for client-first.
        return new SaslStep.Challenge(new byte[0]);
    }

    @Override
    protected SaslStep onInitialResponse(byte[] response) {
        return onResponse(response);
    }

    @Override
    protected SaslStep onResponse(byte[] response) {
        return switch (state) {
            case CLIENT_FIRST -> clientFirst(response);
            case CLIENT_FINAL -> clientFinal(response);
            case ACKNOWLEDGE -> response.length == 0
                    ? new SaslStep.Success(authenticated)
                    : SaslStep.Failure.of(SaslFailure.MALFORMED);
        };
    }

    // RFC 5802 7: client-first-message = gs2-header client-first-message-bare
    private SaslStep clientFirst(byte[] bytes) {
        Optional<String> text = bytes.length == 0 || bytes.length > MAX_MESSAGE
                ? Optional.empty() : utf8(bytes, 0, bytes.length);
        if (text.isEmpty()) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        String message = text.get();
        int flagEnd = message.indexOf(',');
        int authzEnd = flagEnd < 0 ? -1 : message.indexOf(',', flagEnd + 1);
        if (authzEnd < 0) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        String flag = message.substring(0, flagEnd);
        String authzid = message.substring(flagEnd + 1, authzEnd);
        gs2Header = message.substring(0, authzEnd + 1);
        clientFirstBare = message.substring(authzEnd + 1);
        if (!checkFlag(flag) || !(authzid.isEmpty() || authzid.startsWith("a="))) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        String[] fields = clientFirstBare.split(",", -1);
        // RFC 5802 5.1: "m" is reserved for a mandatory extension this server does not know: fail.
        if (fields.length < 2 || !fields[0].startsWith("n=") || !fields[1].startsWith("r=")) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        Optional<String> name = decodeSaslName(fields[0].substring(2));
        String clientNonce = fields[1].substring(2);
        if (name.isEmpty() || name.get().isEmpty() || !printable(clientNonce)) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        username = name.get();
        if (!authzid.isEmpty()) {
            Optional<String> asked = decodeSaslName(authzid.substring(2));
            if (asked.isEmpty()) {
                return SaslStep.Failure.of(SaslFailure.MALFORMED);
            }
            if (!PlainExchange.sameIdentity(asked.get(), username)) {
                return SaslStep.Failure.of(SaslFailure.AUTHZID_REFUSED);
            }
        }
        return switch (backend.lookup(username, mechanism())) {
            case ScramLookup.Refused refused -> SaslAuthenticator.toStep(refused.outcome());
            case ScramLookup.Verifier verifier -> {
                lookup = verifier;
                nonce = clientNonce + serverNonce.get();
                serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.verifier().salt())
                        + ",i=" + verifier.verifier().iterations();
                state = State.CLIENT_FINAL;
                yield new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    // RFC 5802 6: the gs2-cbind-flag against what this mechanism and this connection offer.
    private boolean checkFlag(String flag) {
        if (flag.equals("n")) {
            doomed |= plus;
            return true;
        }
        if (flag.equals("y")) {
            // The client supports binding and believes the server does not: a downgrade when -PLUS is on offer here.
            doomed |= plus || binding.present();
            return true;
        }
        if (flag.startsWith("p=") && flag.length() > 2) {
            bindingRequested = true;
            doomed |= !plus || !binding.present() || !flag.substring(2).equals(ChannelBinding.TLS_EXPORTER);
            return true;
        }
        return false;
    }

    // RFC 5802 7: client-final-message = channel-binding "," nonce ["," extensions] "," proof
    private SaslStep clientFinal(byte[] bytes) {
        Optional<String> text = bytes.length == 0 || bytes.length > MAX_MESSAGE
                ? Optional.empty() : utf8(bytes, 0, bytes.length);
        if (text.isEmpty()) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        String message = text.get();
        int proofAt = message.lastIndexOf(",p=");
        if (!message.startsWith("c=") || proofAt < 0) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        String withoutProof = message.substring(0, proofAt);
        String[] fields = withoutProof.split(",", -1);
        if (fields.length < 2 || !fields[1].startsWith("r=")) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        Optional<byte[]> cbind = decodeBase64(fields[0].substring(2));
        Optional<byte[]> proof = decodeBase64(message.substring(proofAt + 3));
        if (cbind.isEmpty() || proof.isEmpty()) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        boolean bindingMatches = MessageDigest.isEqual(cbind.get(), expectedBinding());
        boolean nonceMatches = fields[1].substring(2).equals(nonce);
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        boolean proofValid = ScramSha256.proofValid(lookup.verifier(), authMessage, proof.get());
        AuthOutcome outcome = backend.finish(username, lookup, proofValid && bindingMatches && nonceMatches && !doomed,
                mechanism());
        if (outcome instanceof AuthOutcome.Success success) {
            authenticated = success.account();
            state = State.ACKNOWLEDGE;
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(
                    ScramSha256.serverSignature(lookup.verifier(), authMessage));
            return new SaslStep.Challenge(serverFinal.getBytes(StandardCharsets.US_ASCII));
        }
        return SaslAuthenticator.toStep(outcome);
    }

    // RFC 5802 7: c= is base64 of the gs2-header, followed by the cbind-data when binding was requested.
    private byte[] expectedBinding() {
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        if (!bindingRequested || !binding.present()) {
            return header;
        }
        byte[] data = binding.data().orElseThrow();
        byte[] both = new byte[header.length + data.length];
        System.arraycopy(header, 0, both, 0, header.length);
        System.arraycopy(data, 0, both, header.length, data.length);
        return both;
    }

    // RFC 5802 5.1: "=2C" and "=3D" stand for "," and "="; any other "=" is an error.
    static Optional<String> decodeSaslName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',') {
                return Optional.empty();
            }
            if (c != '=') {
                out.append(c);
            } else if (name.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (name.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    // RFC 5802 7: printable = %x21-2B / %x2D-7E
    private static boolean printable(String nonce) {
        if (nonce.isEmpty()) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }
}
