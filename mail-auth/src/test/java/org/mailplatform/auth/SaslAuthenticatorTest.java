package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.store.account.Account;

class SaslAuthenticatorTest {

    private static final String PASSWORD = "pässwörd-123";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 50, Duration.ofMinutes(15),
            Duration.ofSeconds(30), Duration.ofMinutes(5), 10_000, 64, Duration.ZERO, Duration.ZERO), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuthMetrics metrics = new AuthMetrics(registry);
    private final PasswordHasher hasher = AuthTestSupport.fastHasher();
    private final SaslAuthenticator sasl = new SaslAuthenticator(
            new Authenticator(AuthTestSupport.store().accounts(), hasher, throttle, metrics), metrics);
    private InetAddress client;
    private String user;
    private Account account;

    @BeforeEach
    void account() throws Exception {
        client = InetAddress.getByName("192.0.2.55");
        String domain = AuthTestSupport.newDomain();
        user = "sam@" + domain;
        account = new AccountManager(AuthTestSupport.store().accounts(), hasher, new PasswordPolicy(8), throttle)
                .createAccount(user, PASSWORD, 0);
    }

    @Test
    void plainWithAnInitialResponseSucceedsInOneStep() {
        SaslStep step = sasl.start("plain", Optional.of(plain("", user, PASSWORD)), client).step();

        assertThat(step).isInstanceOf(SaslStep.Success.class);
        assertThat(((SaslStep.Success) step).account().id()).isEqualTo(account.id());
        assertThat(registry.get(AuthMetrics.NAME).tag("mechanism", "PLAIN").tag("outcome", "success").counter().count()).isEqualTo(1);
    }

    @Test
    void plainWithoutAnInitialResponseSendsAnEmptyChallengeFirst() {
        SaslExchange exchange = sasl.start("PLAIN", client);

        SaslStep first = exchange.begin(Optional.empty());
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        assertThat(((SaslStep.Challenge) first).base64()).isEmpty();
        assertThat(exchange.isComplete()).isFalse();

        SaslStep last = exchange.stepBase64(Base64.getEncoder().encodeToString(plain(user, user.toUpperCase(), PASSWORD)));
        assertThat(last).isInstanceOf(SaslStep.Success.class);
        assertThat(exchange.isComplete()).isTrue();
        assertThat(exchange.step(new byte[0])).isEqualTo(SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE));
    }

    @Test
    void plainRefusesActingAsSomeoneElse() {
        SaslStep step = sasl.start("PLAIN", Optional.of(plain("boss@" + user.split("@")[1], user, PASSWORD)), client).step();

        assertThat(step).isEqualTo(SaslStep.Failure.of(SaslFailure.AUTHZID_REFUSED));
    }

    @Test
    void plainWithAWrongPasswordFails() {
        SaslStep step = sasl.start("PLAIN", Optional.of(plain("", user, "wrong")), client).step();

        assertThat(step).isEqualTo(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));
    }

    @Test
    void malformedPlainMessagesFailCleanly() {
        byte[][] bad = {
                new byte[0],
                "no-nul-at-all".getBytes(StandardCharsets.US_ASCII),
                ("\0" + user).getBytes(StandardCharsets.UTF_8),
                ("\0" + user + "\0").getBytes(StandardCharsets.UTF_8),
                ("\0\0" + PASSWORD).getBytes(StandardCharsets.UTF_8),
                ("\0" + user + "\0pw\0extra").getBytes(StandardCharsets.UTF_8),
                concat(("\0" + user + "\0").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3, (byte) 0x28}),
                new byte[5000],
        };
        for (byte[] message : bad) {
            assertThat(sasl.start("PLAIN", Optional.of(message), client).step())
                    .isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
        }
        assertThat(registry.get(AuthMetrics.NAME).tag("outcome", "malformed").counter().count()).isEqualTo(bad.length);
    }

    @Test
    void badBase64AndCancellationEndTheExchange() {
        SaslExchange broken = sasl.start("PLAIN", client);
        broken.begin(Optional.empty());
        assertThat(broken.stepBase64("%%% not base64 %%%")).isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
        assertThat(broken.isComplete()).isTrue();

        SaslExchange cancelled = sasl.start("LOGIN", client);
        cancelled.begin(Optional.empty());
        assertThat(cancelled.stepBase64("*")).isEqualTo(SaslStep.Failure.of(SaslFailure.CANCELLED));
        assertThat(cancelled.stepBase64("dXNlcg==")).isEqualTo(SaslStep.Failure.of(SaslFailure.ALREADY_COMPLETE));
    }

    @Test
    void loginAsksForUsernameThenPassword() {
        SaslExchange exchange = sasl.start("LOGIN", client);

        SaslStep username = exchange.begin(Optional.empty());
        assertThat(username).isInstanceOf(SaslStep.Challenge.class);
        assertThat(((SaslStep.Challenge) username).base64()).isEqualTo("VXNlcm5hbWU6");
        SaslStep password = exchange.stepBase64(b64(user));
        assertThat(((SaslStep.Challenge) password).base64()).isEqualTo("UGFzc3dvcmQ6");

        assertThat(exchange.stepBase64(b64(PASSWORD))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void loginTakesAnInitialResponseAsTheUsername() {
        SaslAuthenticator.Started started = sasl.start("LOGIN", Optional.of(user.getBytes(StandardCharsets.UTF_8)), client);

        assertThat(started.step()).isInstanceOf(SaslStep.Challenge.class);
        assertThat(started.exchange().step("wrong".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS));
    }

    @Test
    void loginRefusesEmptyAndInvalidFields() {
        SaslExchange empty = sasl.start("LOGIN", client);
        empty.begin(Optional.empty());
        assertThat(empty.stepBase64("")).isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));

        SaslExchange invalid = sasl.start("LOGIN", client);
        invalid.begin(Optional.empty());
        invalid.stepBase64(b64(user));
        assertThat(invalid.step(new byte[] {(byte) 0xff, (byte) 0xfe})).isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
    }

    @Test
    void throttledAttemptsCarryTheirRetryDelay() {
        for (int i = 0; i < 3; i++) {
            sasl.start("PLAIN", Optional.of(plain("", user, "guess" + i)), client).step();
        }

        SaslStep step = sasl.start("PLAIN", Optional.of(plain("", user, PASSWORD)), client).step();

        assertThat(step).isEqualTo(new SaslStep.Failure(SaslFailure.THROTTLED, Optional.of(Duration.ofSeconds(30))));
    }

    @Test
    void unknownMechanismsAreRefusedAndKnownOnesAdvertised() {
        assertThat(sasl.mechanisms()).containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256");
        assertThat(sasl.supports("login")).isTrue();
        assertThat(sasl.supports("CRAM-MD5")).isFalse();
        assertThat(sasl.start("CRAM-MD5", Optional.empty(), client).step())
                .isEqualTo(SaslStep.Failure.of(SaslFailure.UNSUPPORTED_MECHANISM));
        assertThat(sasl.start(null, Optional.empty(), client).step())
                .isEqualTo(SaslStep.Failure.of(SaslFailure.UNSUPPORTED_MECHANISM));
    }

    @Test
    void anEqualsSignIsAnEmptyInitialResponse() {
        assertThat(SaslExchange.decodeInitialResponse("=")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(SaslExchange.decodeInitialResponse("AGZvbw==")).isPresent();
        assertThat(SaslExchange.decodeInitialResponse("not*base64")).isEmpty();
        assertThat(sasl.start("PLAIN", SaslExchange.decodeInitialResponse("="), client).step())
                .isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
    }

    private static byte[] plain(String authzid, String authcid, String password) {
        return (authzid + "\0" + authcid + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
