package org.mailplatform.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.ScramLookup;
import org.mailplatform.auth.credentials.ScramVerifier;
import org.mailplatform.auth.scram.SaslPrep;
import org.mailplatform.auth.scram.ScramSha256;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.EmailAddress;

/** SCRAM-SHA-256 against the test vector of RFC 7677 3, and the message rules of RFC 5802 5-7. */
class ScramExchangeTest {

    // RFC 7677 3.
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL =
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private final Account account = new Account(7, 1, EmailAddress.of("user@example.test"), "x", 0, 0, false, Instant.EPOCH);
    private final ScramVerifier verifier = ScramSha256.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

    /** Stands in for the Authenticator: the vector's verifier, success exactly when the exchange says valid. */
    private final class VectorBackend implements ScramExchange.Backend {
        Boolean lastValid;

        @Override
        public ScramLookup lookup(String username, String mechanism) {
            return new ScramLookup.Verifier(verifier, Optional.of(account));
        }

        @Override
        public AuthOutcome finish(String username, ScramLookup.Verifier lookup, boolean valid, String mechanism) {
            lastValid = valid;
            return valid ? new AuthOutcome.Success(account) : new AuthOutcome.BadCredentials();
        }
    }

    @Test
    void rfc7677VectorRunsToSuccessWithTheExpectedServerMessages() {
        VectorBackend backend = new VectorBackend();
        ScramExchange exchange = exchange(false, ChannelBinding.none(), backend);

        SaslStep first = exchange.begin(Optional.of(bytes(CLIENT_FIRST)));
        assertThat(text(first)).isEqualTo(SERVER_FIRST);

        SaslStep last = exchange.step(bytes(CLIENT_FINAL));
        assertThat(text(last)).isEqualTo(SERVER_FINAL);
        assertThat(backend.lastValid).isTrue();

        assertThat(exchange.step(new byte[0])).isEqualTo(new SaslStep.Success(account));
    }

    @Test
    void rfc7677ClientProofAndStoredKeyFollowFromThePassword() {
        byte[] authMessage = ("n=user,r=rOprNGfwEbeRWgbNEkqO," + SERVER_FIRST + ",c=biws,r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] proof = ScramSha256.clientProof("pencil", verifier.salt(), 4096, authMessage);

        assertThat(Base64.getEncoder().encodeToString(proof)).isEqualTo("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(ScramSha256.proofValid(verifier, authMessage, proof)).isTrue();
        proof[0] ^= 1;
        assertThat(ScramSha256.proofValid(verifier, authMessage, proof)).isFalse();
    }

    @Test
    void aWrongProofIsReportedInvalidToTheAuthenticator() {
        VectorBackend backend = new VectorBackend();
        ScramExchange exchange = exchange(false, ChannelBinding.none(), backend);
        exchange.begin(Optional.of(bytes(CLIENT_FIRST)));

        SaslStep step = exchange.step(bytes(CLIENT_FINAL.replace("p=dHzb", "p=dHzc")));

        assertThat(step).isEqualTo(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));
        assertThat(backend.lastValid).isFalse();
    }

    @Test
    void yFlagFailsWhereThisConnectionOffersPlus() {
        VectorBackend backend = new VectorBackend();
        ScramExchange exchange = exchange(false, ChannelBinding.tlsExporter(new byte[32]), backend);
        exchange.begin(Optional.of(bytes("y" + CLIENT_FIRST.substring(1))));

        // c= carries the gs2 header "y,,": base64 "eSws".
        SaslStep step = exchange.step(bytes(CLIENT_FINAL.replace("c=biws", "c=eSws")));

        assertThat(step).isEqualTo(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));
        assertThat(backend.lastValid).isFalse();
    }

    @Test
    void yFlagIsFineWithoutChannelBindingOnOffer() {
        VectorBackend backend = new VectorBackend();
        ScramExchange exchange = exchange(false, ChannelBinding.none(), backend);
        exchange.begin(Optional.of(bytes("y" + CLIENT_FIRST.substring(1))));
        String serverFirst = SERVER_FIRST;
        byte[] authMessage = ("n=user,r=rOprNGfwEbeRWgbNEkqO," + serverFirst + ",c=eSws,r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE)
                .getBytes(StandardCharsets.US_ASCII);
        String proof = Base64.getEncoder().encodeToString(ScramSha256.clientProof("pencil", verifier.salt(), 4096, authMessage));

        SaslStep step = exchange.step(bytes("c=eSws,r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE + ",p=" + proof));

        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        assertThat(backend.lastValid).isTrue();
    }

    @Test
    void plusChecksTheBindingData() {
        byte[] cb = new byte[32];
        cb[5] = 9;
        for (boolean right : new boolean[] {true, false}) {
            VectorBackend backend = new VectorBackend();
            ScramExchange exchange = exchange(true, ChannelBinding.tlsExporter(cb), backend);
            String header = "p=tls-exporter,,";
            exchange.begin(Optional.of(bytes(header + "n=user,r=rOprNGfwEbeRWgbNEkqO")));
            byte[] sent = cb.clone();
            if (!right) {
                sent[0] = 1;
            }
            byte[] cbind = new byte[header.length() + 32];
            System.arraycopy(bytes(header), 0, cbind, 0, header.length());
            System.arraycopy(sent, 0, cbind, header.length(), 32);
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE;
            byte[] authMessage = ("n=user,r=rOprNGfwEbeRWgbNEkqO," + SERVER_FIRST + "," + withoutProof).getBytes(StandardCharsets.US_ASCII);
            String proof = Base64.getEncoder().encodeToString(ScramSha256.clientProof("pencil", verifier.salt(), 4096, authMessage));

            SaslStep step = exchange.step(bytes(withoutProof + ",p=" + proof));

            assertThat(backend.lastValid).isEqualTo(right);
            assertThat(step instanceof SaslStep.Challenge).isEqualTo(right);
        }
    }

    @Test
    void plusRefusesAClientThatDoesNotBind() {
        VectorBackend backend = new VectorBackend();
        ScramExchange exchange = exchange(true, ChannelBinding.tlsExporter(new byte[32]), backend);
        exchange.begin(Optional.of(bytes(CLIENT_FIRST)));

        exchange.step(bytes(CLIENT_FINAL));

        assertThat(backend.lastValid).isFalse();
    }

    @Test
    void malformedMessagesFailWithoutReachingTheAuthenticator() {
        for (String bad : new String[] {"", "n,,", "x,,n=user,r=abc", "n,,m=ext,n=user,r=abc", "n,,n=us=er,r=abc",
                "n,,n=user,r=", "n,x,n=user,r=abc", "n,,r=abc,n=user"}) {
            VectorBackend backend = new VectorBackend();
            SaslStep step = exchange(false, ChannelBinding.none(), backend).begin(Optional.of(bytes(bad)));
            assertThat(step).as(bad).isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
            assertThat(backend.lastValid).isNull();
        }
    }

    @Test
    void anotherAuthorizationIdentityIsRefused() {
        SaslStep step = exchange(false, ChannelBinding.none(), new VectorBackend())
                .begin(Optional.of(bytes("n,a=boss@example.test,n=user@example.test,r=abc")));

        assertThat(step).isEqualTo(SaslStep.Failure.of(SaslFailure.AUTHZID_REFUSED));
    }

    @Test
    void saslPrepFollowsRfc4013Examples() {
        // RFC 4013 3.
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
        assertThatThrownBy(() -> SaslPrep.prepare("\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaslPrep.prepare("\u0627\u0031")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SaslPrep.prepare("a\u00A0b")).isEqualTo("a b");
    }

    private ScramExchange exchange(boolean plus, ChannelBinding binding, ScramExchange.Backend backend) {
        return new ScramExchange(plus, binding, backend, () -> SERVER_NONCE, AuthMetrics.none());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }
}
