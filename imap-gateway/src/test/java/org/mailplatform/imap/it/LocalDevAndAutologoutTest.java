package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/** A plaintext listener as local development runs it, and the autologout timer before login (IMAP and ManageSieve). */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.local-dev=true",
        "mailplatform.imap.listeners.imap.port=0",
        "mailplatform.imap.listeners.imap.tls=STARTTLS",
        "mailplatform.imap.listeners.imaps.port=-1",
        "mailplatform.imap.listeners.sieve.port=0",
        "mailplatform.managesieve.pre-auth-idle-timeout=1s",
        "mailplatform.imap.pre-auth-idle-timeout=1s",
        "mailplatform.imap.replica-id=imap-local-dev-test",
        "mailplatform.auth.argon2.memory-kib=1024",
        "mailplatform.auth.argon2.iterations=1",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class LocalDevAndAutologoutTest {

    @Autowired
    MailProtocolServer server;
    @Autowired
    @Qualifier("manageSieveServer")
    MailProtocolServer sieve;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AccountManager accountManager;

    @Test
    void localDevelopmentAllowsLoginWithoutTls() throws Exception {
        synchronized (ImapTestBase.class) {
            if (domains.find("dev.test").isEmpty()) {
                domains.create("dev.test");
            }
        }
        accountManager.createAccount("dev@dev.test", "development password", 0);
        try (RawImap imap = RawImap.plain(server.boundPort("imap"))) {
            assertThat(imap.readLine()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED");
            assertThat(RawImap.last(imap.command("LOGIN dev@dev.test \"development password\""))).contains("OK [CAPABILITY");
            assertThat(RawImap.last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
        }
    }

    @Test
    void anIdleClientIsLoggedOutBeforeLogin() throws Exception {
        try (RawImap imap = RawImap.plain(server.boundPort("imap"))) {
            imap.readLine();
            long start = System.nanoTime();
            assertThat(imap.readLine()).startsWith("* BYE").contains("Autologout");
            assertThat(imap.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void localDevelopmentAllowsSieveAuthenticationWithoutTls() throws Exception {
        synchronized (ImapTestBase.class) {
            if (domains.find("dev.test").isEmpty()) {
                domains.create("dev.test");
            }
        }
        accountManager.createAccount("sieve-dev@dev.test", "development password", 0);
        try (RawSieve client = new RawSieve(sieve.boundPort("sieve"))) {
            assertThat(client.readResponse()).contains("\"SASL\" \"PLAIN LOGIN SCRAM-SHA-256\"");
            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" \""
                    + RawSieve.plain("sieve-dev@dev.test", "development password") + "\""))).startsWith("OK");
            assertThat(RawSieve.last(client.command("LISTSCRIPTS"))).startsWith("OK");
        }
    }

    @Test
    void anIdleSieveClientIsLoggedOutBeforeAuthenticating() throws Exception {
        try (RawSieve client = new RawSieve(sieve.boundPort("sieve"))) {
            client.readResponse();
            long start = System.nanoTime();
            assertThat(client.readLine()).startsWith("BYE").contains("Autologout");
            assertThat(client.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
