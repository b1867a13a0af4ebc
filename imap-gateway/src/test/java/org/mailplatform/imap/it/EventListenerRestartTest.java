package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.mailplatform.imap.metrics.ImapMetrics;
import org.mailplatform.imap.sync.MailboxEventListener;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A gateway that restarts leaves nothing behind on the broker: its event listener has no consumer
 * group (one per start would stay with a lag growing for as long as the topic's retention), and
 * after each start the events published once it is assigned reach its IDLE sessions.
 */
class EventListenerRestartTest extends ImapTestBase {

    @Autowired
    MailboxEventListener listener;
    @Autowired
    MailboxEventPublisher events;
    @Autowired
    ImapMetrics imapMetrics;

    @Test
    void restartsLeaveNoConsumerGroupAndLaterEventsStillReachAnIdleSession() throws Exception {
        for (int start = 0; start < 2; start++) {
            listener.stop();
            assertThat(listener.isAssigned()).isFalse();
            listener.start();
            await().atMost(Duration.ofSeconds(30)).until(listener::isAssigned);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()))) {
            assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                    .map(ConsumerGroupListing::groupId).noneMatch(g -> g.startsWith("imap-gateway-"));
        }

        Account account = newAccount();
        try (RawImap imap = loggedIn(account)) {
            imap.command("SELECT INBOX");
            imap.write("I1 IDLE\r\n");
            assertThat(imap.readLine()).isEqualTo("+ idling");
            await().atMost(Duration.ofSeconds(5)).until(() -> imapMetrics.activeIdle() > 0);
            RecipientDelivery delivered = deliver(account, TestMessages.simple("after a restart"));
            events.publish(MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, account.address().toString(),
                    delivered.mailboxId(), delivered.uidValidity(), List.of(delivered.uid()), delivered.modseq(), "mda-test"));
            imap.setTimeout(5000);
            assertThat(imap.readLine()).isEqualTo("* 1 EXISTS");
            assertThat(imap.readLine()).isEqualTo("* 1 RECENT");
            imap.setTimeout(15_000);
            imap.write("DONE\r\n");
            assertThat(imap.readLine()).isEqualTo("I1 OK IDLE terminated");
        }
    }
}
