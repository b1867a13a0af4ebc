package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.codec.MailboxEventCodec;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.mailbox.SpecialUse;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.UidSet;
import org.springframework.beans.factory.annotation.Autowired;

/** Records whose envelope asks for junk filing, delivered by the running consumer into each account's \Junk mailbox. */
@DeliveryTest
class JunkFilingTest {

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
    DataSource dataSource;

    private MailFixture mail;

    @BeforeEach
    void freshDomain() {
        mail = new MailFixture(domains, accountManager, aliases, mailboxes, messages, dataSource);
    }

    @Test
    void junkGoesToTheSpecialUseMailboxWhateverItsNameAndIsCreatedWhereMissing() throws Exception {
        Account standard = mail.account("standard");
        Account renamed = mail.account("renamed");
        mailboxes.rename(renamed.id(), "Junk", "Spam");
        Account without = mail.account("without");
        mailboxes.delete(without.id(), "Junk");
        byte[] message = MailFixture.message("cheap pills");
        MailRecord base = MailFixture.record(MailFixture.SENDER,
                List.of(mail.address("standard"), mail.address("renamed"), mail.address("without")), message);
        MailRecord junk = new MailRecord(base.envelope().withJunk("rspamd: add header"), message);

        publisher.publish(MailTopics.DELIVERY, junk);

        MessageSummary a = awaitOne(standard, "Junk");
        MessageSummary b = awaitOne(renamed, "Spam");
        MessageSummary c = awaitOne(without, "Junk");
        for (MessageSummary stored : List.of(a, b, c)) {
            assertThat(stored.flags().keywords()).containsExactly(DeliveryProcessor.JUNK_KEYWORD);
        }
        assertThat(List.of(a.bodyId(), b.bodyId(), c.bodyId())).containsOnly(a.bodyId());
        for (Account account : List.of(standard, renamed, without)) {
            assertThat(mail.inbox(account)).isEmpty();
            assertThat(mailboxes.findBySpecialUse(account.id(), SpecialUse.JUNK)).isPresent();
        }
        assertThat(mailboxes.find(renamed.id(), "Junk")).isEmpty();
        Mailbox created = mailboxes.find(without.id(), "Junk").orElseThrow();
        assertThat(created.specialUse()).contains(SpecialUse.JUNK);
        assertThat(mailboxes.subscriptions(without.id())).contains("Junk");

        List<MailboxEvent> events;
        try (TopicReader reader = new TopicReader(MailTopics.MAILBOX_EVENTS)) {
            events = reader.await(r -> MailboxEventCodec.decode(r.value()),
                    e -> e.account().equals(renamed.address().toString()) && e.kind() == MailboxEventKind.NEW_MESSAGE, 1);
        }
        assertThat(events.getFirst().mailboxId()).isEqualTo(mailboxes.find(renamed.id(), "Spam").orElseThrow().id());
    }

    @Test
    void anEnvelopeWithoutTheJunkRequestStillGoesToInbox() throws Exception {
        Account control = mail.account("control");
        publisher.publish(MailTopics.DELIVERY,
                MailFixture.record(MailFixture.SENDER, List.of(mail.address("control")), MailFixture.message("ham")));

        MessageSummary stored = mail.awaitInbox(control, 1).getFirst();

        assertThat(stored.flags().keywords()).isEmpty();
        assertThat(inMailbox(control, "Junk")).isEmpty();
        assertThat(Set.copyOf(mailboxes.list(control.id()).stream().map(Mailbox::name).toList())).contains("Junk");
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
