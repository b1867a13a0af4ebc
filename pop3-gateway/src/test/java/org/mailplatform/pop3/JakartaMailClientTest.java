package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Enumeration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** Jakarta Mail's POP3 provider (Angus) against the gateway, over STLS and implicit TLS. */
class JakartaMailClientTest extends Pop3IntegrationTest {

    static MailboxEventReader events;

    @BeforeAll
    static void openEvents() {
        events = new MailboxEventReader();
    }

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    /**
     * @param mechanism a SASL mechanism to use (AUTH, RFC 5034), or null for USER/PASS
     */
    private Store connect(Account account, boolean implicitTls, String mechanism) throws Exception {
        String proto = implicitTls ? "pop3s" : "pop3";
        Properties p = new Properties();
        p.put("mail." + proto + ".host", "127.0.0.1");
        p.put("mail." + proto + ".port", String.valueOf(implicitTls ? implicitTlsPort() : stlsPort()));
        p.put("mail." + proto + ".ssl.trust", "*");
        p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        p.put("mail." + proto + ".timeout", "15000");
        if (!implicitTls) {
            p.put("mail.pop3.starttls.enable", "true");
            p.put("mail.pop3.starttls.required", "true");
        }
        // Angus's "LOGIN" is USER/PASS (RFC 1939 7), not the SASL mechanism.
        p.put("mail." + proto + ".auth.mechanisms", mechanism == null ? "LOGIN" : mechanism);
        Store store = Session.getInstance(p).getStore(proto);
        store.connect(account.address().toString(), PASSWORD);
        return store;
    }

    private static byte[] raw(Message m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void userPassOverStlsShowsTheMaildropByteExact() throws Exception {
        Account account = newAccount();
        String first = message("first", "Hello\r\n.a line that starts with a dot\r\n..two dots\r\n.\r\nend\r\n");
        String second = message("second", "short\r\n");
        RecipientDelivery d1 = deliver(account, first);
        RecipientDelivery d2 = deliver(account, second);

        Store store = connect(account, false, null);
        try {
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message m1 = inbox.getMessage(1);
            Message m2 = inbox.getMessage(2);
            // LIST sizes: exactly the octets of the stored message that RETR sends.
            assertThat(inbox.getSizes()).containsExactly(stored(account, first).length, stored(account, second).length);
            assertThat(inbox.getUID(m1)).isEqualTo(d1.uidValidity() + "." + d1.uid());
            assertThat(inbox.getUID(m2)).isEqualTo(d2.uidValidity() + "." + d2.uid());
            assertThat(m1.getSubject()).isEqualTo("first");
            assertThat(raw(m1)).isEqualTo(stored(account, first));
            assertThat(raw(m2)).isEqualTo(stored(account, second));
            inbox.close(false);
        } finally {
            store.close();
        }
        assertThat(inboxUids(account)).containsExactly(d1.uid(), d2.uid());
    }

    @Test
    void headersComeFromTop() throws Exception {
        Account account = newAccount();
        deliver(account, message("headers only please", "body line 1\r\nbody line 2\r\n"));
        Store store = connect(account, true, null);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            // Angus fetches headers with TOP n 0 before any RETR.
            POP3Message m = (POP3Message) inbox.getMessage(1);
            Enumeration<Header> headers = m.getAllHeaders();
            assertThat(headers.hasMoreElements()).isTrue();
            assertThat(m.getHeader("Delivered-To")).containsExactly(account.address().toString());
            assertThat(m.getSubject()).isEqualTo("headers only please");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void authPlainOverImplicitTls() throws Exception {
        Account account = newAccount();
        String body = message("via pop3s", "over implicit TLS\r\n");
        deliver(account, body);
        Store store = connect(account, true, "PLAIN");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(raw(inbox.getMessage(1))).isEqualTo(stored(account, body));
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Account account = newAccount();
        Properties p = new Properties();
        p.put("mail.pop3s.host", "127.0.0.1");
        p.put("mail.pop3s.port", String.valueOf(implicitTlsPort()));
        p.put("mail.pop3s.ssl.trust", "*");
        p.put("mail.pop3s.timeout", "15000");
        assertThatThrownBy(() -> Session.getInstance(p).getStore("pop3s").connect(account.address().toString(), "wrong password"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("[AUTH]");
    }

    @Test
    void deleteAndQuitRemovesTheMessagesAndTellsImap() throws Exception {
        Account account = newAccount();
        RecipientDelivery keep = deliver(account, message("keep", "k\r\n"));
        RecipientDelivery gone1 = deliver(account, message("gone 1", "g\r\n"));
        RecipientDelivery gone2 = deliver(account, message("gone 2", "g\r\n"));

        Store store = connect(account, false, null);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
            inbox.getMessage(3).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        } finally {
            store.close();
        }

        assertThat(inboxUids(account)).containsExactly(keep.uid());
        ConsumerRecord<String, MailboxEvent> record = events.await(e -> e.mailboxId() == keep.mailboxId());
        MailboxEvent event = record.value();
        assertThat(event.kind()).isEqualTo(MailboxEventKind.EXPUNGED);
        assertThat(event.uids()).containsExactly(gone1.uid(), gone2.uid());
        assertThat(event.uidValidity()).isEqualTo(keep.uidValidity());
        assertThat(event.account()).isEqualTo(account.address().key());
        assertThat(record.key()).isEqualTo(account.address().key());
        assertThat(event.modseq()).isEqualTo(mailboxes.inbox(account.id()).highestModseq());
        assertThat(event.originReplica()).startsWith("pop3-gateway@");
        assertThat(accounts.findById(account.id()).orElseThrow().usedBytes())
                .isEqualTo(stored(account, message("keep", "k\r\n")).length);
    }
}
