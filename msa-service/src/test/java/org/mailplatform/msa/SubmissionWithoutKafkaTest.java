package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE_PASSWORD;
import static org.mailplatform.msa.SubmissionTestAccounts.MALLORY;
import static org.mailplatform.msa.SubmissionTestAccounts.MALLORY_PASSWORD;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msa.MsaTestSupport.RawSmtp;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With no Kafka broker to acknowledge the record, the client hears 451 and never 250. The real
 * database, but a broker address where nothing listens.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submission.tls=STARTTLS",
        "mailplatform.kafka.create-topics=false",
        "mailplatform.msa.rate-limit.per-account-per-minute=3",
        "mailplatform.msa.rate-limit.per-address-per-minute=1000",
        "mailplatform.kafka.producer.publish-timeout=2s",
        "mailplatform.kafka.producer.delivery-timeout=2s",
        "mailplatform.kafka.producer.request-timeout=1s",
        "spring.flyway.enabled=true",
        "server.port=0"})
class SubmissionWithoutKafkaTest {

    /** A loopback port nobody listens on: the broker is "down". */
    @DynamicPropertySource
    static void deadBroker(DynamicPropertyRegistry registry) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int dead = port;
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + dead);
        TestDatabase db = TestDatabase.get();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void brokerDownGives451NeverA250() throws Exception {
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
        try (RawSmtp c = new RawSmtp(server.boundPort("submission"))) {
            assertThat(c.login(ALICE, ALICE_PASSWORD)).startsWith("235");
            assertThat(c.send("MAIL FROM:<" + ALICE + ">\r\n")).startsWith("250");
            assertThat(c.send("RCPT TO:<bob@remote.test>\r\n")).startsWith("250");
            assertThat(c.send("DATA\r\n")).startsWith("354");
            assertThat(c.send("Subject: lost?\r\n\r\nno\r\n.\r\n")).startsWith("451 4.3.0");
            // The session goes on: the client may retry or quit.
            assertThat(c.send("QUIT\r\n")).startsWith("221");
        }
    }

    /** The per-account rate (3 a minute here) refuses the next transaction with 451 4.7.1 and counts it. */
    @Test
    void accountOverItsSendingRateGets451() throws Exception {
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
        try (RawSmtp c = new RawSmtp(server.boundPort("submission"))) {
            assertThat(c.login(MALLORY, MALLORY_PASSWORD)).startsWith("235");
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("MAIL FROM:<" + MALLORY + ">\r\n")).startsWith("250");
                assertThat(c.send("RSET\r\n")).startsWith("250");
            }
            assertThat(c.send("MAIL FROM:<" + MALLORY + ">\r\n")).startsWith("451 4.7.1");
        }
        assertThat(registry.counter("mail.msa.rate.limited", "scope", "account").count()).isGreaterThanOrEqualTo(1);
    }
}
