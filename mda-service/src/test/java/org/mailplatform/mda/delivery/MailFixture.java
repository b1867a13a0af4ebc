package org.mailplatform.mda.delivery;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.mailplatform.auth.AccountManager;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.UidSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh local domain with accounts and aliases, records addressed to it, and what landed in its mailboxes. */
final class MailFixture {

    static final String SENDER = "sender@remote.example";

    final String domain = "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ".test";

    private final AccountManager accounts;
    private final AliasRepository aliases;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final JdbcClient jdbc;

    MailFixture(DomainRepository domains, AccountManager accounts, AliasRepository aliases,
                MailboxRepository mailboxes, MessageRepository messages, DataSource dataSource) {
        this.accounts = accounts;
        this.aliases = aliases;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.jdbc = JdbcClient.create(dataSource);
        domains.create(domain);
    }

    String address(String localPart) {
        return localPart + "@" + domain;
    }

    Account account(String localPart) {
        return account(localPart, Account.UNLIMITED);
    }

    Account account(String localPart, long quotaBytes) {
        return accounts.createAccount(address(localPart), "correct horse battery staple", quotaBytes);
    }

    void alias(String localPart, String target) {
        aliases.add(address(localPart), target);
    }

    /** A small well-formed message, unique per call (its Message-ID), with CRLF line ends. */
    static byte[] message(String subject) {
        String id = UUID.randomUUID().toString();
        return ("From: Sender <" + SENDER + ">\r\n"
                + "To: someone@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + id + "@remote.example>\r\n"
                + "Date: Thu, 26 Nov 2026 09:15:30 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello, this is " + subject + " number " + id + ".\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static MailRecord record(String mailFrom, List<String> recipients, byte[] message) {
        return record(mailFrom, recipients.stream().map(Recipient::of).toList(), message, now());
    }

    static MailRecord record(String mailFrom, List<Recipient> recipients, byte[] message, Instant receivedAt) {
        MailEnvelope envelope = MailEnvelope.builder()
                .queueId(QueueIds.next())
                .mailFrom(mailFrom)
                .recipients(recipients)
                .receivedAt(receivedAt)
                .traceId(UUID.randomUUID().toString().replace("-", ""))
                .build();
        return new MailRecord(envelope, message);
    }

    /** Microseconds, as PostgreSQL keeps them. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] prefix(String mailFrom, String deliveredTo) {
        return ("Return-Path: <" + mailFrom + ">\r\nDelivered-To: " + deliveredTo + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    long inboxId(Account account) {
        return mailboxes.inbox(account.id()).id();
    }

    List<MessageSummary> inbox(Account account) {
        return messages.summaries(inboxId(account), UidSet.all(), false);
    }

    List<MessageSummary> awaitInbox(Account account, int count) {
        await().atMost(TopicReader.WAIT).until(() -> inbox(account).size() >= count);
        return inbox(account);
    }

    byte[] content(Account account, long uid) {
        return messages.content(inboxId(account), uid).orElseThrow().readAllBytes();
    }

    /** Stored bodies with exactly these bytes. */
    long bodiesWithContent(byte[] message) {
        return jdbc.sql("SELECT count(*) FROM message_bodies WHERE sha256 = :sha")
                .param("sha", sha256(message))
                .query(Long.class)
                .single();
    }

    long messagesOfBody(long bodyId) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE body_id = :body")
                .param("body", bodyId)
                .query(Long.class)
                .single();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
