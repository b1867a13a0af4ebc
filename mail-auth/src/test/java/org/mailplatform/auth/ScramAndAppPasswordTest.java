package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;
import org.mailplatform.auth.credentials.StoreCredentialStore;
import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.auth.sasl.LoginContext;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.store.auth.LoginSecretRepository;
import org.mailplatform.testsupport.ScramClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SCRAM and app passwords through the real Authenticator and the PostgreSQL store: verifiers
 * written when a password is set or verified, the throttle and metrics shared with PLAIN,
 * app passwords limited by protocol and gone at once when revoked.
 */
class ScramAndAppPasswordTest {

    private static final String PASSWORD = "Correct-horse-1";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 50, Duration.ofMinutes(15),
            Duration.ofSeconds(30), Duration.ofMinutes(5), 10_000, 64, Duration.ZERO, Duration.ZERO), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuthMetrics metrics = new AuthMetrics(registry);
    private final PasswordHasher hasher = AuthTestSupport.fastHasher();
    private final LoginSecretRepository secrets = new LoginSecretRepository(JdbcClient.create(AuthTestSupport.dataSource()));
    private final CredentialCache cache = new CredentialCache(Duration.ofHours(1), 100, clock);
    private final Authenticator authenticator = new Authenticator(
            new StoreCredentialStore(AuthTestSupport.store().accounts(), secrets), hasher, throttle, cache, metrics, 4096, clock);
    private final SaslAuthenticator sasl = new SaslAuthenticator(authenticator, metrics);
    private final AccountManager manager = new AccountManager(AuthTestSupport.store().accounts(), secrets, hasher,
            new PasswordPolicy(8), throttle, 4096);
    private InetAddress client;
    private String user;

    @BeforeEach
    void account() throws Exception {
        client = InetAddress.getByName("192.0.2.77");
        user = "sam@" + AuthTestSupport.newDomain();
        manager.createAccount(user, PASSWORD, 0);
    }

    @Test
    void scramWorksRightAfterTheAccountIsCreated() throws Exception {
        assertThat(scram(user, PASSWORD, "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isTrue();
        assertThat(count("SCRAM-SHA-256", "success")).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsCountedAndThrottledLikePlain() throws Exception {
        assertThat(scram(user, "wrong-password", "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isFalse();
        assertThat(count("SCRAM-SHA-256", "bad_credentials")).isEqualTo(1);
        sasl.start("PLAIN", Optional.of(("\0" + user + "\0nope-nope").getBytes(StandardCharsets.UTF_8)), client);
        assertThat(scram(user, "wrong-password", "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isFalse();

        // Three failures over both mechanisms reach the account's limit: even the right proof is refused now.
        SaslStep step = sasl.start("SCRAM-SHA-256", Optional.of(new ScramClient(user, PASSWORD, "n", null)
                .clientFirst().getBytes(StandardCharsets.UTF_8)), LoginContext.of(client)).step();
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        assertThat(((SaslStep.Failure) step).reason()).isEqualTo(SaslFailure.THROTTLED);
        assertThat(count("SCRAM-SHA-256", "throttled")).isEqualTo(1);
    }

    @Test
    void plusNeedsTheConnectionsOwnBinding() throws Exception {
        byte[] data = new byte[32];
        data[3] = 42;
        ChannelBinding binding = ChannelBinding.tlsExporter(data);
        assertThat(sasl.mechanisms(binding)).contains("SCRAM-SHA-256-PLUS");
        assertThat(sasl.mechanisms(ChannelBinding.none())).doesNotContain("SCRAM-SHA-256-PLUS");

        assertThat(scram(user, PASSWORD, "p=tls-exporter", data, binding, "SCRAM-SHA-256-PLUS")).isTrue();
        byte[] other = data.clone();
        other[0] = 1;
        assertThat(scram(user, PASSWORD, "p=tls-exporter", other, binding, "SCRAM-SHA-256-PLUS")).isFalse();
        assertThat(scram(user, PASSWORD, "y", null, binding, "SCRAM-SHA-256")).isFalse();
        assertThat(sasl.start("SCRAM-SHA-256-PLUS", Optional.empty(), LoginContext.of(client)).step())
                .isEqualTo(SaslStep.Failure.of(SaslFailure.UNSUPPORTED_MECHANISM));
    }

    @Test
    void anAccountWithoutAVerifierGetsOneAtItsNextPasswordLogin() throws Exception {
        long id = AuthTestSupport.store().accounts().findByAddress(user).orElseThrow().id();
        secrets.deleteScram(id);
        assertThat(scram(user, PASSWORD, "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isFalse();

        assertThat(authenticator.authenticate(user, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);

        assertThat(secrets.findScram(id)).isPresent();
        assertThat(scram(user, PASSWORD, "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isTrue();
    }

    @Test
    void aPasswordChangeReplacesTheVerifier() throws Exception {
        manager.setPassword(user, "Another-pass-2");

        assertThat(scram(user, PASSWORD, "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isFalse();
        assertThat(scram(user, "Another-pass-2", "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isTrue();
    }

    @Test
    void appPasswordsWorkForPasswordMechanismsWithinTheirProtocolsUntilRevoked() throws Exception {
        String any = manager.addAppPassword(user, "phone", List.of()).secret().orElseThrow();
        String smtpOnly = manager.addAppPassword(user, "mailer", List.of(LoginProtocol.SMTP)).secret().orElseThrow();

        assertThat(authenticator.authenticate(user, any, client, "PLAIN", LoginProtocol.IMAP)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(authenticator.authenticate(user, smtpOnly, client, "PLAIN", LoginProtocol.SMTP)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(authenticator.authenticate(user, smtpOnly, client, "PLAIN", LoginProtocol.IMAP)).isInstanceOf(AuthOutcome.BadCredentials.class);
        // SCRAM stays with the account password's verifier.
        assertThat(scram(user, any, "n", null, ChannelBinding.none(), "SCRAM-SHA-256")).isFalse();

        List<AppPasswordInfo> listed = manager.listAppPasswords(user);
        assertThat(listed).extracting(AppPasswordInfo::name).containsExactly("mailer", "phone");
        assertThat(listed).allSatisfy(info -> assertThat(info.secret()).isEmpty());
        assertThat(listed.get(1).lastUsed()).isPresent();
        assertThat(listed.get(0).protocols()).isEqualTo(Set.of(LoginProtocol.SMTP));

        assertThat(manager.revokeAppPassword(user, "phone")).isTrue();
        assertThat(authenticator.authenticate(user, any, client, "PLAIN", LoginProtocol.IMAP)).isInstanceOf(AuthOutcome.BadCredentials.class);
        assertThat(manager.revokeAppPassword(user, "phone")).isFalse();
    }

    /** A whole SCRAM exchange as a client runs it; true when the server accepted it and proved itself. */
    private boolean scram(String name, String password, String flag, byte[] data, ChannelBinding binding, String mechanism)
            throws Exception {
        ScramClient scram = new ScramClient(name, password, flag, data);
        SaslExchange exchange = sasl.start(mechanism, new LoginContext(client, LoginProtocol.IMAP, binding));
        SaslStep first = exchange.begin(Optional.of(scram.clientFirst().getBytes(StandardCharsets.UTF_8)));
        if (!(first instanceof SaslStep.Challenge serverFirst)) {
            return false;
        }
        SaslStep second = exchange.step(scram.clientFinal(new String(serverFirst.data(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        if (!(second instanceof SaslStep.Challenge serverFinal)
                || !scram.serverFinalValid(new String(serverFinal.data(), StandardCharsets.UTF_8))) {
            return false;
        }
        return exchange.step(new byte[0]) instanceof SaslStep.Success;
    }

    private double count(String mechanism, String outcome) {
        return registry.get(AuthMetrics.NAME).tag("mechanism", mechanism).tag("outcome", outcome).counter().count();
    }
}
