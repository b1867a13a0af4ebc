package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.mta.interop.DkimVerifyingPeer;
import org.mailplatform.testsupport.TestDatabase;

/**
 * End to end through the whole stack: alice submits to a remote address over the MSA (STARTTLS,
 * AUTH), the MTA signs with the stack's demo keys and relays to a real receiving server, Postfix
 * with OpenDKIM, which looks the keys up in real DNS (dnsmasq) and finds both signatures good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalStackDkimTest {

    @TempDir
    static Path dataDir;

    private DkimVerifyingPeer peer;
    private LocalStack stack;
    private StackPorts ports;

    @BeforeAll
    void start() throws Exception {
        assumePresent(DkimVerifyingPeer.available(),
                "Postfix, OpenDKIM and dnsmasq are needed (Debian: apt-get install postfix opendkim dnsmasq-base), as root");
        // The keys the stack would make at its first start, made first so that DNS can publish them.
        DemoDkimKeys keys = DemoDkimKeys.ensure(dataDir);
        peer = DkimVerifyingPeer.start(keys.keys());
        TestDatabase db = TestDatabase.get();
        ports = StackPorts.ephemeral();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), ports, false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.mta.relay.transports[" + DkimVerifyingPeer.DOMAIN + "]", "127.0.0.1:" + peer.port())))
                .start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void mailAliceSubmitsArrivesWithRsaAndEd25519SignaturesThatThePeerVerifies() throws Exception {
        String alice = DemoAccounts.ADDRESSES.get(0);
        String subject = "dkim end to end " + UUID.randomUUID();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(ports.mail(PlatformService.MSA.mailListeners().getFirst())));
        smtp.put("mail.smtp.auth", "true");
        smtp.put("mail.smtp.starttls.enable", "true");
        smtp.put("mail.smtp.starttls.required", "true");
        smtp.put("mail.smtp.ssl.trust", "*");
        smtp.put("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress(alice, "Alice"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@" + DkimVerifyingPeer.DOMAIN));
        message.setSubject(subject);
        message.setText("Hello Bob,\n\nsigned twice, verified twice.\n", "UTF-8");
        Transport.send(message, alice, stack.demoCredentials().passwords().get(alice));

        String stored = peer.awaitStored(subject, Duration.ofSeconds(60));
        List<String> results = DkimVerifyingPeer.dkimResults(stored);
        assertThat(results).as("the peer's verdicts in\n%s", stored).hasSize(2);
        assertThat(results).anySatisfy(r -> assertThat(r).startsWith("dkim=pass").contains("header.d=example.test")
                .contains("header.a=rsa-sha256").contains("header.s=" + DemoDkimKeys.RSA_SELECTOR));
        assertThat(results).anySatisfy(r -> assertThat(r).startsWith("dkim=pass").contains("header.d=example.test")
                .contains("header.a=ed25519-sha256").contains("header.s=" + DemoDkimKeys.ED25519_SELECTOR));
    }
}
