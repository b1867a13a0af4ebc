package org.mailplatform.pop3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.mailplatform.auth.AccountManager;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway with real listeners (a 110-style STLS port and a 995-style implicit TLS port, both
 * ephemeral), the real database and broker. Every test gets accounts of its own, so maildrops
 * and locks never overlap between tests.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=pop.example.test",
        "mailplatform.pop3.listeners.pop3.port=0",
        "mailplatform.pop3.listeners.pop3.tls=STARTTLS",
        "mailplatform.pop3.listeners.pop3s.port=0",
        "mailplatform.pop3.listeners.pop3s.tls=IMPLICIT",
        "mailplatform.auth.throttle.account-max-failures=1000",
        "mailplatform.auth.throttle.address-max-failures=1000",
        "mailplatform.auth.throttle.failure-delay=0s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
abstract class Pop3IntegrationTest {

    static final String DOMAIN = "example.test";
    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AccountManager manager;
    @Autowired
    MailDelivery delivery;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MessageRepository messages;

    int stlsPort() {
        return server.boundPort("pop3");
    }

    int implicitTlsPort() {
        return server.boundPort("pop3s");
    }

    /** A new account with an empty INBOX. */
    Account newAccount() {
        synchronized (Pop3IntegrationTest.class) {
            if (domains.find(DOMAIN).isEmpty()) {
                domains.create(DOMAIN);
            }
        }
        String address = "user" + NEXT.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        manager.createAccount(address, PASSWORD, 0);
        return accounts.findByAddress(address).orElseThrow();
    }

    /** Files a message into the account's INBOX as the MDA would, with a per-recipient header prefix. */
    RecipientDelivery deliver(Account account, String message) {
        return deliver(account, message.getBytes(StandardCharsets.UTF_8));
    }

    RecipientDelivery deliver(Account account, byte[] message) {
        byte[] prefix = ("Delivered-To: " + account.address() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return delivery.deliver(new DeliveryRequest(UUID.randomUUID().toString(), IncomingMessage.raw(message),
                Instant.now(), List.of(DeliveryTarget.inbox(account.id(), prefix)))).recipients().getFirst();
    }

    /** What RETR must send: the stored prefix and body. */
    static byte[] stored(Account account, String message) {
        return ("Delivered-To: " + account.address() + "\r\n" + message).getBytes(StandardCharsets.UTF_8);
    }

    long[] inboxUids(Account account) {
        return messages.uids(mailboxes.inbox(account.id()).id());
    }

    /** Logs in over STLS, or returns empty when the maildrop is locked (or anything else failed). */
    Optional<RawPop3> tryLogin(Account account) {
        try {
            return Optional.of(RawPop3.login(stlsPort(), account.address().toString(), PASSWORD));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static String message(String subject, String body) {
        return "From: sender@example.org\r\nTo: someone@example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.org>\r\n\r\n" + body;
    }
}
