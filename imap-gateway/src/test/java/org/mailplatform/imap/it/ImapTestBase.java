package org.mailplatform.imap.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.store.message.MessageIndexer;
import org.mailplatform.message.MessageParser;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.delivery.DeliveryReport;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One gateway for every test class (the same properties keep one Spring context per JVM): a
 * STARTTLS listener, an implicit-TLS listener, the real database and the real broker.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.imap.listeners.imap.port=0",
        "mailplatform.imap.listeners.imap.tls=STARTTLS",
        "mailplatform.imap.listeners.imaps.port=0",
        "mailplatform.imap.listeners.sieve.port=0",
        "mailplatform.imap.listeners.imaps.tls=IMPLICIT",
        "mailplatform.imap.replica-id=imap-test",
        "mailplatform.auth.argon2.memory-kib=1024",
        "mailplatform.auth.argon2.iterations=1",
        "mailplatform.auth.throttle.account-max-failures=1000",
        "mailplatform.auth.throttle.address-max-failures=1000",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
abstract class ImapTestBase {

    static final String PASSWORD = "correct horse battery";
    static final String DOMAIN = "example.test";
    private static final AtomicInteger USERS = new AtomicInteger();

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AccountManager accountManager;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MessageRepository messages;
    @Autowired
    MailDelivery delivery;

    final MessageIndexer indexer = new MessageIndexer(new MessageParser());

    @BeforeEach
    void domain() {
        synchronized (ImapTestBase.class) {
            if (domains.find(DOMAIN).isEmpty()) {
                domains.create(DOMAIN);
            }
        }
    }

    int starttlsPort() {
        return server.boundPort("imap");
    }

    int implicitTlsPort() {
        return server.boundPort("imaps");
    }

    /** A fresh account with the default mailboxes, so tests never see each other's mail. */
    Account newAccount() {
        return newAccount(Account.UNLIMITED);
    }

    /** A fresh account limited to {@code quotaBytes} (0: unlimited). */
    Account newAccount(long quotaBytes) {
        String address = "user" + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + "@" + DOMAIN;
        accountManager.createAccount(address, PASSWORD, quotaBytes);
        return accounts.findByAddress(address).orElseThrow();
    }

    /** A connection over implicit TLS, logged in to {@code account}. */
    RawImap loggedIn(Account account) throws Exception {
        RawImap imap = RawImap.implicitTls(implicitTlsPort());
        imap.readLine();
        String reply = RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)));
        if (!reply.contains(" OK ")) {
            throw new AssertionError("LOGIN failed: " + reply);
        }
        return imap;
    }

    /** APPEND with a non-synchronizing literal (RFC 7888); {@code flags} is a flag list or empty. */
    static List<String> appendMessage(RawImap imap, String mailbox, String flags, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        String tag = imap.nextTag();
        imap.write(tag + " APPEND " + mailbox + (flags.isEmpty() ? "" : " " + flags) + " {" + bytes.length + "+}\r\n");
        imap.write(bytes);
        imap.write("\r\n");
        List<String> reply = imap.readUntilTagged(tag);
        if (!RawImap.last(reply).startsWith(tag + " OK")) {
            throw new AssertionError("APPEND failed: " + reply);
        }
        return reply;
    }

    /** Files a message into the account's INBOX the way the MDA does: parsed once, a per-recipient prefix. */
    RecipientDelivery deliver(Account account, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = ("Return-Path: <sender@remote.test>\r\nDelivered-To: " + account.address() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        DeliveryReport report = delivery.deliver(new DeliveryRequest(UUID.randomUUID().toString(), indexer.index(bytes),
                Instant.now(), List.of(DeliveryTarget.inbox(account.id(), prefix))));
        return report.recipients().getFirst();
    }
}
