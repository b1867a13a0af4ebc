package org.mailplatform.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthMetrics;

/**
 * OAUTHBEARER and XOAUTH2 message handling without a provider: what reaches the token check,
 * the error exchange of RFC 7628 §3.2.3, and malformed input, which fails cleanly and never
 * reaches the check.
 */
class BearerExchangesTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

    /** Records what it was asked and answers with a fixed step. */
    private static final class RecordingCheck implements BearerCheck {
        final List<String> calls = new ArrayList<>();
        final SaslStep answer;

        RecordingCheck(SaslStep answer) {
            this.answer = answer;
        }

        @Override
        public SaslStep check(Optional<String> user, String token, String mechanism) {
            calls.add(user.orElse("-") + " " + token + " " + mechanism);
            return answer;
        }

        @Override
        public Optional<String> scope() {
            return Optional.of("mail");
        }

        @Override
        public Optional<String> discoveryUri() {
            return Optional.of("https://idp.example/.well-known/openid-configuration");
        }
    }

    private final RecordingCheck success = new RecordingCheck(new SaslStep.Success(null));
    private final RecordingCheck refusal = new RecordingCheck(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oauthBearerPassesTheAuthzidAndTokenOn() {
        SaslStep step = new OAuthBearerExchange(success, AuthMetrics.none())
                .begin(Optional.of(bytes("n,a=alice@example.test,\u0001host=mail.example.test\u0001port=993\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));

        assertThat(step).isInstanceOf(SaslStep.Success.class);
        assertThat(success.calls).containsExactly("alice@example.test " + TOKEN + " OAUTHBEARER");
    }

    @Test
    void oauthBearerSendsAnEmptyChallengeWithoutAnInitialResponse() {
        OAuthBearerExchange exchange = new OAuthBearerExchange(success, AuthMetrics.none());

        SaslStep first = exchange.begin(Optional.empty());
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        assertThat(((SaslStep.Challenge) first).data()).isEmpty();
        assertThat(exchange.step(bytes("y,,\u0001auth=bearer  " + TOKEN + "\u0001\u0001"))).isInstanceOf(SaslStep.Success.class);
        assertThat(success.calls).containsExactly("- " + TOKEN + " OAUTHBEARER");
    }

    @Test
    void oauthBearerUnescapesTheAuthzid() {
        new OAuthBearerExchange(success, AuthMetrics.none())
                .begin(Optional.of(bytes("n,a=o=3Dd=2Cname@example.test,\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));

        assertThat(success.calls).containsExactly("o=d,name@example.test " + TOKEN + " OAUTHBEARER");
    }

    @Test
    void aRefusedTokenGetsTheJsonErrorThenFailsOnTheDummyResponse() {
        OAuthBearerExchange exchange = new OAuthBearerExchange(refusal, AuthMetrics.none());

        SaslStep error = exchange.begin(Optional.of(bytes("n,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));
        assertThat(error).isInstanceOf(SaslStep.Challenge.class);
        assertThat(new String(((SaslStep.Challenge) error).data(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"mail\","
                        + "\"openid-configuration\":\"https://idp.example/.well-known/openid-configuration\"}");
        assertThat(exchange.isComplete()).isFalse();

        assertThat(exchange.step(new byte[] {0x01})).isEqualTo(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));
        assertThat(exchange.isComplete()).isTrue();
        assertThat(refusal.calls).hasSize(1);
    }

    @Test
    void aCancelAfterTheErrorEndsTheExchange() {
        OAuthBearerExchange exchange = new OAuthBearerExchange(refusal, AuthMetrics.none());
        exchange.begin(Optional.of(bytes("n,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));

        assertThat(exchange.stepBase64("*")).isEqualTo(SaslStep.Failure.of(SaslFailure.CANCELLED));
    }

    @Test
    void temporaryFailuresEndTheExchangeWithoutAnErrorChallenge() {
        RecordingCheck throttled = new RecordingCheck(SaslStep.Failure.of(SaslFailure.THROTTLED));
        RecordingCheck unavailable = new RecordingCheck(SaslStep.Failure.of(SaslFailure.UNAVAILABLE));
        byte[] message = bytes("n,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001");

        assertThat(new OAuthBearerExchange(throttled, AuthMetrics.none()).begin(Optional.of(message)))
                .isEqualTo(SaslStep.Failure.of(SaslFailure.THROTTLED));
        assertThat(new XOAuth2Exchange(unavailable, AuthMetrics.none()).begin(Optional.of(bytes("user=a@b\u0001auth=Bearer t\u0001\u0001"))))
                .isEqualTo(SaslStep.Failure.of(SaslFailure.UNAVAILABLE));
    }

    @Test
    void xoauth2PassesTheUserAndTokenOn() {
        SaslStep step = new XOAuth2Exchange(success, AuthMetrics.none())
                .begin(Optional.of(bytes("user=bob@example.test\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));

        assertThat(step).isInstanceOf(SaslStep.Success.class);
        assertThat(success.calls).containsExactly("bob@example.test " + TOKEN + " XOAUTH2");
    }

    @Test
    void xoauth2ErrorIsGooglesJsonAndAnyAnswerEndsIt() {
        XOAuth2Exchange exchange = new XOAuth2Exchange(refusal, AuthMetrics.none());

        SaslStep error = exchange.begin(Optional.of(bytes("user=bob@example.test\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));
        assertThat(new String(((SaslStep.Challenge) error).data(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}");
        assertThat(exchange.stepBase64("")).isEqualTo(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));
    }

    @Test
    void malformedOAuthBearerMessagesFailWithoutReachingTheCheck() {
        String auth = "auth=Bearer " + TOKEN;
        List<String> bad = List.of(
                "",
                "\u0001",                                              // the dummy response, unasked
                "n,," + auth + "\u0001\u0001",                         // no kvsep after the header
                "p=tls-unique,,\u0001" + auth + "\u0001\u0001",        // channel binding
                "x,,\u0001" + auth + "\u0001\u0001",                   // unknown flag
                "n,b=alice,\u0001" + auth + "\u0001\u0001",            // not an authzid
                "n,a=,\u0001" + auth + "\u0001\u0001",                 // empty authzid
                "n,a=al=ice,\u0001" + auth + "\u0001\u0001",           // bad escape
                "n,a=alice\u0001" + auth + "\u0001\u0001",             // header not closed
                "n,,\u0001" + auth + "\u0001",                         // no final kvsep
                "n,,\u0001" + auth + "\u0001\u0001trailing",           // bytes after the end
                "n,,\u0001\u0001",                                     // no auth
                "n,,\u0001auth=Basic YTpi\u0001\u0001",                // another scheme
                "n,,\u0001auth=Bearer\u0001\u0001",                    // no token
                "n,,\u0001auth=Bearer to ken\u0001\u0001",             // space inside the token
                "n,,\u0001auth=Bearer tok\"en\u0001\u0001",            // not b64token
                "n,,\u0001auth=Bearer ==abc\u0001\u0001",              // padding first
                "n,,\u0001" + auth + "\u0001" + auth + "\u0001\u0001", // repeated key
                "n,,\u0001au th=x\u0001" + auth + "\u0001\u0001",      // key not ALPHA
                "n,,\u0001=x\u0001" + auth + "\u0001\u0001",           // empty key
                "n,,\u0001host\u0001" + auth + "\u0001\u0001",         // no "="
                "n,,\u0001host=a\u0000b\u0001" + auth + "\u0001\u0001", // NUL in a value
                "n,,\u0001auth=Bearer " + "A".repeat(40_000) + "\u0001\u0001");
        for (String message : bad) {
            OAuthBearerExchange exchange = new OAuthBearerExchange(success, AuthMetrics.none());
            assertThat(exchange.begin(Optional.of(bytes(message)))).as(message.length() > 60 ? message.substring(0, 60) : message)
                    .isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
            assertThat(exchange.isComplete()).isTrue();
        }
        assertThat(new OAuthBearerExchange(success, AuthMetrics.none())
                .begin(Optional.of(new byte[] {'n', ',', ',', 1, 'a', '=', (byte) 0xff, 1, 1})))
                .isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
        assertThat(success.calls).isEmpty();
    }

    @Test
    void malformedXOAuth2MessagesFailWithoutReachingTheCheck() {
        List<String> bad = List.of(
                "",
                "auth=Bearer " + TOKEN + "\u0001\u0001",               // no user
                "user=\u0001auth=Bearer " + TOKEN + "\u0001\u0001",    // empty user
                "user=bob@example.test\u0001\u0001",                   // no auth
                "user=bob@example.test\u0001auth=Bearer " + TOKEN,     // not terminated
                "user=bob@example.test auth=Bearer " + TOKEN + "\u0001\u0001",
                "n,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001");     // an OAUTHBEARER message
        for (String message : bad) {
            XOAuth2Exchange exchange = new XOAuth2Exchange(success, AuthMetrics.none());
            assertThat(exchange.begin(Optional.of(bytes(message)))).as(message).isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
        }
        assertThat(success.calls).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7628);
        for (int i = 0; i < 5_000; i++) {
            byte[] message = new byte[random.nextInt(64)];
            random.nextBytes(message);
            if (random.nextBoolean() && message.length > 4) {
                // Mostly well-formed prefixes reach deeper into the parser.
                System.arraycopy(bytes("n,,\u0001"), 0, message, 0, 4);
            }
            SaslStep a = new OAuthBearerExchange(refusal, AuthMetrics.none()).begin(Optional.of(message));
            SaslStep b = new XOAuth2Exchange(refusal, AuthMetrics.none()).begin(Optional.of(message));
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
        }
    }

    @Test
    void nothingAfterTheEnd() {
        OAuthBearerExchange exchange = new OAuthBearerExchange(success, AuthMetrics.none());
        exchange.begin(Optional.of(bytes("n,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001")));

        assertThat(exchange.step(new byte[] {1})).isEqualTo(SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE));
    }
}
