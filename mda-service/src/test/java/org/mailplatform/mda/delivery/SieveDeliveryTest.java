package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.mda.sieve.SieveMetrics;
import org.mailplatform.mda.sieve.VacationReplyPurge;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.codec.DeliveryReportCodec;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Accounts with an active Sieve script (RFC 5228), delivered to by the running consumer: what is
 * stored where, and what lands on {@code mail.outbound}.
 */
@DeliveryTest
class SieveDeliveryTest {

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountManager accountManager;
    @Autowired
    AliasRepository aliases;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MessageRepository messages;
    @Autowired
    SieveScriptRepository scripts;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;
    @Autowired
    VacationReplyPurge vacationPurge;

    private MailFixture mail;
    private String sender;

    @BeforeEach
    void freshDomain() {
        mail = new MailFixture(domains, accountManager, aliases, mailboxes, messages, dataSource);
        sender = "s" + UUID.randomUUID().toString().substring(0, 8) + "@remote.example";
    }

    @Test
    void fileintoCreatesTheMailboxAndSetsFlags() throws Exception {
        Account ann = withScript("ann", """
                require ["fileinto", "mailbox", "imap4flags"];
                if header :contains "subject" "report" {
                    fileinto :create :flags ["\\\\Flagged", "$Reports"] "Reports/Daily";
                }
                """);

        publisher.publish(MailTopics.DELIVERY, record(ann, message(ann, "Daily report", "")));

        MessageSummary stored = awaitOne(ann, "Reports/Daily");
        assertThat(stored.flags().has(SystemFlag.FLAGGED)).isTrue();
        assertThat(stored.flags().keywords()).containsExactly("$Reports");
        assertThat(mailboxes.subscriptions(ann.id())).contains("Reports/Daily");
        assertThat(mail.inbox(ann)).isEmpty();
    }

    @Test
    void spamtestSeesTheJunkVerdictAndAMissingMailboxWithoutCreateMeansInbox() throws Exception {
        Account ida = withScript("ida", """
                require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto", "mailbox"];
                if spamtest :value "ge" :comparator "i;ascii-numeric" "10" { fileinto :create "Quarantine"; }
                else { fileinto "Nowhere"; }
                """);
        MailRecord clean = record(ida, message(ida, "clean", ""));
        MailRecord junk = new MailRecord(record(ida, message(ida, "junk", "")).envelope().withJunk("rspamd: reject"),
                message(ida, "junk", ""));

        publisher.publish(MailTopics.DELIVERY, junk);
        publisher.publish(MailTopics.DELIVERY, clean);

        assertThat(awaitOne(ida, "Quarantine").flags().keywords()).isEmpty();
        assertThat(mail.awaitInbox(ida, 1)).hasSize(1);
        assertThat(mailboxes.find(ida.id(), "Nowhere")).isEmpty();
        assertThat(inMailbox(ida, "Junk")).isEmpty();
    }

    @Test
    void keepAndFileintoMakeTwoCopiesOnceEvenWhenTheRecordComesAgain() throws Exception {
        Account bea = withScript("bea", "require \"fileinto\"; keep; fileinto \"Archive\";");
        MailRecord record = record(bea, message(bea, "twice", ""));

        publisher.publish(MailTopics.DELIVERY, record);
        MessageSummary archived = awaitOne(bea, "Archive");
        MessageSummary kept = mail.awaitInbox(bea, 1).getFirst();
        publisher.publish(MailTopics.DELIVERY, record);
        awaitTrace(record.queueId(), 2);

        assertThat(inMailbox(bea, "Archive")).hasSize(1);
        assertThat(mail.inbox(bea)).hasSize(1);
        assertThat(kept.bodyId()).isEqualTo(archived.bodyId());
    }

    @Test
    void aFurtherCopyWithoutRoomLeavesTheFirstAndIsNoFailure() throws Exception {
        byte[] message = MailFixture.message("no room for two");
        long oneCopy = MailFixture.prefix(sender, mail.address("dee")).length + (long) message.length;
        Account dee = mail.account("dee", oneCopy + oneCopy / 2);
        scripts.put(dee.id(), "main", "require \"fileinto\"; keep; fileinto \"Archive\";");
        scripts.activate(dee.id(), "main");
        MailRecord record = MailFixture.record(sender, List.of(Recipient.of(dee.address().toString(),
                Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), null)), message, MailFixture.now());

        publisher.publish(MailTopics.DELIVERY, record);

        // The sender asked to hear of success: the report says delivered, not "mailbox full" (4.2.2).
        try (TopicReader reports = new TopicReader(MailTopics.DELIVERY_REPORTS)) {
            List<DeliveryReport> found = reports.await(r -> DeliveryReportCodec.decode(r.value()),
                    r -> r.queueId().equals(record.queueId()), 1);
            assertThat(found.getFirst().recipients()).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo("2.0.0"));
        }
        assertThat(mail.awaitInbox(dee, 1)).hasSize(1);
        assertThat(inMailbox(dee, "Archive")).isEmpty();
    }

    @Test
    void redirectGoesToTheMtaAndCancelsTheKeep() throws Exception {
        Account cid = withScript("cid", "redirect \"elsewhere@faraway.example\";");
        MailRecord record = record(cid, message(cid, "pass it on", ""));

        publisher.publish(MailTopics.DELIVERY, record);

        MailRecord redirected = onOutbound(r -> r.envelope().recipients().stream()
                .anyMatch(x -> x.address().equals("elsewhere@faraway.example"))
                && new String(r.message(), StandardCharsets.UTF_8).contains("Delivered-To: " + cid.address()));
        assertThat(redirected.queueId()).isNotEqualTo(record.queueId());
        assertThat(redirected.envelope().mailFrom()).startsWith("SRS0=").endsWith("@" + mail.domain);
        assertThat(new String(redirected.message(), StandardCharsets.UTF_8)).endsWith(
                new String(record.message(), StandardCharsets.UTF_8));
        awaitTrace(record.queueId(), 1);
        assertThat(mail.inbox(cid)).isEmpty();
    }

    @Test
    void rejectSendsANoticeFromTheNullSenderToTheSender() throws Exception {
        Account dee = withScript("dee", "require \"reject\"; reject \"I do not take mail about that.\";");

        publisher.publish(MailTopics.DELIVERY, record(dee, message(dee, "offer", "")));

        MailRecord notice = onOutbound(r -> r.envelope().recipients().stream().anyMatch(x -> x.address().equals(sender)));
        assertThat(notice.envelope().mailFrom()).isEmpty();
        String text = new String(notice.message(), StandardCharsets.UTF_8);
        assertThat(text).contains("report-type=disposition-notification", "I do not take mail about that.",
                "Disposition: automatic-action/MDN-sent-automatically; deleted", "Final-Recipient: rfc822; " + dee.address(),
                "Auto-Submitted: auto-replied");
        assertThat(mail.inbox(dee)).isEmpty();
    }

    @Test
    void discardStoresNothingAndIsTraced() throws Exception {
        Account eve = withScript("eve", "if header :contains \"subject\" \"spam\" { discard; }");
        MailRecord record = record(eve, message(eve, "more spam", ""));

        publisher.publish(MailTopics.DELIVERY, record);

        awaitTrace(record.queueId(), 1);
        assertThat(mail.jdbc().sql("SELECT detail->>'sieve' FROM message_events WHERE queue_id = :q")
                .param("q", record.queueId()).query(String.class).list()).containsExactly("discard");
        assertThat(mail.inbox(eve)).isEmpty();
        assertThat(mailboxes.list(eve.id())).allSatisfy(m ->
                assertThat(messages.summaries(m.id(), UidSet.all(), false)).isEmpty());
    }

    @Test
    void vacationRepliesOncePerSenderAndNeverToLists() throws Exception {
        Account fay = withScript("fay", "require \"vacation\"; vacation :days 7 :subject \"Away\" \"Back on Monday.\";");
        byte[] first = message(fay, "hello", "");

        publisher.publish(MailTopics.DELIVERY, record(fay, first));
        MailRecord reply = onOutbound(r -> r.envelope().recipients().stream().anyMatch(x -> x.address().equals(sender)));
        assertThat(reply.envelope().mailFrom()).isEmpty();
        String text = new String(reply.message(), StandardCharsets.UTF_8);
        assertThat(text).contains("Auto-Submitted: auto-replied", "Subject: Away", "From: <" + fay.address() + ">",
                "In-Reply-To: <", "References: <", "Back on Monday.");

        MailRecord second = record(fay, message(fay, "hello again", ""));
        String lister = "l" + UUID.randomUUID().toString().substring(0, 8) + "@remote.example";
        MailRecord list = MailFixture.record(lister, List.of(Recipient.of(fay.address().toString())),
                message(fay, "list post", "List-Id: <news.remote.example>\r\n"), MailFixture.now());
        publisher.publish(MailTopics.DELIVERY, second);
        publisher.publish(MailTopics.DELIVERY, list);
        mail.awaitInbox(fay, 3);
        awaitTrace(second.queueId(), 1);
        awaitTrace(list.queueId(), 1);

        try (TopicReader outbound = new TopicReader(MailTopics.OUTBOUND)) {
            List<MailRecord> replies = outbound.uptoEnd(r -> MailRecordCodec.decode(r.value()),
                    r -> r.envelope().recipients().stream().anyMatch(x -> x.address().equals(sender)
                            || x.address().equals(lister)));
            assertThat(replies).hasSize(1);
        }
        assertThat(mail.jdbc().sql("SELECT detail->>'sieve' FROM message_events WHERE queue_id = :q")
                .param("q", list.queueId()).query(String.class).list())
                .anySatisfy(d -> assertThat(d).contains("vacation not sent: list message"));
        // The claim stays while its period runs: the periodic purge removes only expired ones.
        assertThat(vacationPurge.isRunning()).isTrue();
        assertThat(mail.jdbc().sql("SELECT count(*) FROM sieve_vacation_replies WHERE account_id = :a AND expires_at > now()")
                .param("a", fay.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBrokenScriptFallsBackToTheInbox() throws Exception {
        Account gus = withScript("gus", "if header :contains \"subject\" { fileinto \"x\"; }");
        double before = meters.counter(SieveMetrics.FAILURES, "reason", "invalid_script").count();
        MailRecord record = record(gus, message(gus, "still arrives", ""));

        publisher.publish(MailTopics.DELIVERY, record);

        assertThat(mail.awaitInbox(gus, 1)).hasSize(1);
        awaitTrace(record.queueId(), 1);
        assertThat(meters.counter(SieveMetrics.FAILURES, "reason", "invalid_script").count()).isGreaterThan(before);
        assertThat(mail.jdbc().sql("SELECT detail->>'sieveError' FROM message_events WHERE queue_id = :q"
                        + " AND detail->>'sieveError' IS NOT NULL")
                .param("q", record.queueId()).query(String.class).list())
                .anySatisfy(e -> assertThat(e).contains("line 1"));
    }

    @Test
    void aChangedScriptAppliesToTheNextMessage() throws Exception {
        Account jan = withScript("jan", "require [\"fileinto\", \"mailbox\"]; fileinto :create \"First\";");
        publisher.publish(MailTopics.DELIVERY, record(jan, message(jan, "one", "")));
        awaitOne(jan, "First");

        scripts.put(jan.id(), "main", "require [\"fileinto\", \"mailbox\"]; fileinto :create \"Second\";");
        publisher.publish(MailTopics.DELIVERY, record(jan, message(jan, "two", "")));

        awaitOne(jan, "Second");
        assertThat(inMailbox(jan, "First")).hasSize(1);
        assertThat(mail.inbox(jan)).isEmpty();
    }

    @Test
    void aRuntimeErrorFallsBackToTheInbox() throws Exception {
        Account hal = withScript("hal", "redirect \"a@x.example\"; redirect \"b@x.example\"; redirect \"c@x.example\";"
                + " redirect \"d@x.example\"; redirect \"e@x.example\";");
        MailRecord record = record(hal, message(hal, "too many redirects", ""));

        publisher.publish(MailTopics.DELIVERY, record);

        assertThat(mail.awaitInbox(hal, 1)).hasSize(1);
    }

    private Account withScript(String localPart, String script) {
        Account account = mail.account(localPart);
        scripts.put(account.id(), "main", script);
        scripts.activate(account.id(), "main");
        return account;
    }

    private MailRecord record(Account account, byte[] message) {
        return MailFixture.record(sender, List.of(Recipient.of(account.address().toString())), message, MailFixture.now());
    }

    /** A message addressed to the account in its To field, as vacation needs (RFC 5230 4.5). */
    private byte[] message(Account account, String subject, String extraHeaders) {
        String id = UUID.randomUUID().toString();
        return ("From: <" + sender + ">\r\n"
                + "To: <" + account.address() + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + id + "@remote.example>\r\n"
                + "Date: Thu, 26 Nov 2026 09:15:30 +0000\r\n"
                + extraHeaders
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello, this is " + subject + ".\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private MailRecord onOutbound(java.util.function.Predicate<MailRecord> match) throws Exception {
        try (TopicReader outbound = new TopicReader(MailTopics.OUTBOUND)) {
            List<MailRecord> found = outbound.await(r -> MailRecordCodec.decode(r.value()), match, 1);
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    private void awaitTrace(String queueId, int events) {
        await().atMost(TopicReader.WAIT).until(() -> mail.jdbc()
                .sql("SELECT count(*) FROM message_events WHERE queue_id = :q AND detail->>'sieve' IS NOT NULL")
                .param("q", queueId).query(Long.class).single() >= events);
    }

    private MessageSummary awaitOne(Account account, String mailbox) {
        await().atMost(TopicReader.WAIT).until(() -> !inMailbox(account, mailbox).isEmpty());
        List<MessageSummary> found = inMailbox(account, mailbox);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private List<MessageSummary> inMailbox(Account account, String name) {
        return mailboxes.find(account.id(), name)
                .map(m -> messages.summaries(m.id(), UidSet.all(), false))
                .orElse(List.of());
    }
}
