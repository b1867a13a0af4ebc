package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailplatform.pop3.store.MaildropLocks;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/** RFC 1939 4 / RFC 2449 8.1.1: one session per maildrop; RFC 1939 6: only QUIT removes. */
class MaildropLockTest extends Pop3IntegrationTest {

    @Autowired
    MaildropLocks locks;

    @Test
    void aSecondLoginGetsInUseUntilTheFirstConnectionDrops() throws Exception {
        Account account = newAccount();
        RawPop3 first = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD);
        try (RawPop3 second = RawPop3.connect(stlsPort(), false)) {
            second.stls();
            second.command("USER " + account.address());
            assertThat(second.command("PASS " + PASSWORD)).isEqualTo("-ERR [IN-USE] maildrop already locked");
            // Still in AUTHORIZATION: the client may try again on the same connection.
            assertThat(second.command("STAT")).isEqualTo("-ERR Command not valid in this state");

            first.reset();

            await().atMost(Duration.ofSeconds(5)).until(() -> {
                second.command("USER " + account.address());
                return second.command("PASS " + PASSWORD).startsWith("+OK");
            });
            assertThat(second.command("STAT")).isEqualTo("+OK 0 0");
        }
    }

    @Test
    void theLockIsFreeRightAfterQuit() throws Exception {
        Account account = newAccount();
        try (RawPop3 first = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(first.command("QUIT")).startsWith("+OK");
        }
        Optional<RawPop3> second = tryLogin(account);
        assertThat(second).isPresent();
        second.get().close();
    }

    @Test
    void deleThenADroppedConnectionKeepsTheMessage() throws Exception {
        Account account = newAccount();
        String kept = message("keep me", "body\r\n");
        RecipientDelivery d = deliver(account, kept);
        int heldBefore = locks.held();
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(client.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            assertThat(client.command("STAT")).isEqualTo("+OK 0 0");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> locks.held() <= heldBefore);
        assertThat(inboxUids(account)).containsExactly(d.uid());
        try (RawPop3 again = await().atMost(Duration.ofSeconds(15)).until(() -> tryLogin(account), Optional::isPresent).get()) {
            assertThat(again.command("STAT")).isEqualTo("+OK 1 " + stored(account, kept).length);
        }
    }

    @Test
    void rsetUnmarksSoQuitRemovesNothing() throws Exception {
        Account account = newAccount();
        RecipientDelivery d1 = deliver(account, message("one", "1\r\n"));
        RecipientDelivery d2 = deliver(account, message("two", "2\r\n"));
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            client.command("DELE 1");
            client.command("DELE 2");
            assertThat(client.command("RETR 1")).isEqualTo("-ERR Message 1 already deleted");
            assertThat(client.command("RSET")).startsWith("+OK maildrop has 2 messages");
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        assertThat(inboxUids(account)).containsExactly(d1.uid(), d2.uid());
    }

    @Test
    void messagesArrivingDuringASessionWaitForTheNext() throws Exception {
        Account account = newAccount();
        deliver(account, message("before", "b\r\n"));
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            deliver(account, message("during", "d\r\n"));
            assertThat(client.command("STAT")).startsWith("+OK 1 ");
            assertThat(client.multiLine("LIST")).hasSize(2);
            assertThat(client.command("LIST 2")).isEqualTo("-ERR No such message");
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        try (RawPop3 next = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(next.command("STAT")).startsWith("+OK 2 ");
        }
    }

    @Test
    void aLostLockRemovesNothing() throws Exception {
        Account account = newAccount();
        RecipientDelivery d = deliver(account, message("protected", "p\r\n"));
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            client.command("DELE 1");
            // The database session holding the lock ends (failover, an administrator's pg_terminate_backend).
            try (Connection admin = TestDatabase.get().connect(); PreparedStatement kill = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND classid = CAST(? AS bigint)::oid AND objid = CAST(? AS bigint)::oid AND objsubid = 2")) {
                kill.setLong(1, 0x504F5033L);
                kill.setLong(2, account.id());
                try (ResultSet rs = kill.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(client.command("QUIT")).isEqualTo("-ERR [SYS/TEMP] Some deleted messages not removed");
        }
        assertThat(inboxUids(account)).containsExactly(d.uid());
    }

    @Test
    void aFailedRemovalIsReportedAndTheLockReleased() throws Exception {
        Account account = newAccount();
        deliver(account, message("doomed", "x\r\n"));
        int heldBefore = locks.held();
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            client.command("DELE 1");
            // The account disappears while the session is open (an administrator deleted it).
            accounts.delete(account.id());
            // RFC 1939 6: some deleted messages not removed.
            assertThat(client.command("QUIT")).isEqualTo("-ERR [SYS/TEMP] Some deleted messages not removed");
            assertThat(client.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> locks.held() <= heldBefore);
    }
}
