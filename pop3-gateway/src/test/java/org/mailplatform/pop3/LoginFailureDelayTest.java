package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failed logins over a real socket are answered only after mail-auth's failure delay, which grows
 * with the failures counted for the account and for the client address, as over IMAP and SMTP.
 * Each test connects from its own loopback address, so the address counts of other tests do not
 * show here.
 */
class LoginFailureDelayTest extends Pop3IntegrationTest {

    private static final long DELAY_MS = 300;

    @DynamicPropertySource
    static void failureDelay(DynamicPropertyRegistry registry) {
        registry.add("mailplatform.auth.throttle.failure-delay", () -> DELAY_MS + "ms");
        registry.add("mailplatform.auth.throttle.max-failure-delay", () -> "5s");
    }

    @Test
    void aFailedPassTakesAtLeastTheDelayAndTheDelayGrows() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.connect(implicitTlsPort(), true, uniqueLoopback())) {
            client.command("USER " + account.address());
            Timed first = timed(() -> client.command("PASS wrong-1"));
            client.command("USER " + account.address());
            Timed second = timed(() -> client.command("PASS wrong-2"));

            assertThat(first.reply()).isEqualTo("-ERR [AUTH] Invalid user name or password");
            assertThat(first.millis()).isGreaterThanOrEqualTo(DELAY_MS);
            assertThat(second.reply()).isEqualTo("-ERR [AUTH] Invalid user name or password");
            assertThat(second.millis()).isGreaterThanOrEqualTo(2 * DELAY_MS);

            client.command("USER " + account.address());
            Timed success = timed(() -> client.command("PASS " + PASSWORD));
            assertThat(success.reply()).startsWith("+OK");
            assertThat(success.millis()).isLessThan(4 * DELAY_MS);
        }
    }

    @Test
    void aFailedAuthPlainIsDelayedLikePass() throws Exception {
        Account account = newAccount();
        String wrong = Base64.getEncoder().encodeToString(("\0" + account.address() + "\0wrong")
                .getBytes(StandardCharsets.UTF_8));
        try (RawPop3 client = RawPop3.connect(implicitTlsPort(), true, uniqueLoopback())) {
            Timed first = timed(() -> client.command("AUTH PLAIN " + wrong));
            Timed second = timed(() -> client.command("AUTH PLAIN " + wrong));

            assertThat(first.reply()).startsWith("-ERR [AUTH]");
            assertThat(first.millis()).isGreaterThanOrEqualTo(DELAY_MS);
            assertThat(second.millis()).isGreaterThanOrEqualTo(2 * DELAY_MS);
        }
    }

    @Test
    void theClientsCountCarriesOverToNewConnectionsAndOtherNames() throws Exception {
        InetAddress from = uniqueLoopback();
        try (RawPop3 client = RawPop3.connect(stlsPort(), false, from)) {
            client.stls();
            client.command("USER nobody-1@" + DOMAIN);
            client.command("PASS guess");
            client.command("USER nobody-2@" + DOMAIN);
            client.command("PASS guess");
        }
        try (RawPop3 client = RawPop3.connect(stlsPort(), false, from)) {
            client.stls();
            client.command("USER nobody-3@" + DOMAIN);
            Timed third = timed(() -> client.command("PASS guess"));

            assertThat(third.reply()).isEqualTo("-ERR [AUTH] Invalid user name or password");
            assertThat(third.millis()).isGreaterThanOrEqualTo(4 * DELAY_MS);
        }
    }

    private static InetAddress uniqueLoopback() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] {127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255),
                (byte) random.nextInt(1, 255)});
    }

    private static Timed timed(Callable<String> command) throws Exception {
        long start = System.nanoTime();
        String reply = command.call();
        return new Timed(reply, (System.nanoTime() - start) / 1_000_000);
    }

    private record Timed(String reply, long millis) {
    }
}
