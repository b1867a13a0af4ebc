package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.testsupport.Rspamd;
import org.mailplatform.testsupport.TestDatabase;

/**
 * The milter verdicts through the whole platform: a real rspamd filters port 25; its spam verdict
 * lands the message in the recipient's \Junk mailbox as an IMAP client sees it, GTUBE is refused,
 * and authenticated submission is not filtered (the milters are port 25's, as Postfix's
 * smtpd_milters default to none for submission).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MilterJunkEndToEndTest {

    private static final String ALICE = DemoAccounts.ADDRESSES.get(0);
    private static final String BOB = DemoAccounts.ADDRESSES.get(1);

    @TempDir
    static Path dataDir;

    private LocalStack stack;

    @BeforeAll
    void startStack() throws Exception {
        assumePresent(Rspamd.available(), "rspamd is not installed (apt-get install rspamd; .ci/run does it)");
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.mta.milter.milters[0].name", "rspamd",
                        "mailplatform.mta.milter.milters[0].address", Rspamd.shared().milterAddress()))).start();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aSpamVerdictFilesTheMessageInTheJunkMailboxAsImapShowsIt() throws Exception {
        String subject = Rspamd.SPAM_MARKER + " " + UUID.randomUUID().toString().substring(0, 8);

        transfer(BOB, subject, "Cheap watches.\r\n");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> countIn(BOB, junkMailbox(BOB), subject) == 1);
        assertThat(countIn(BOB, "INBOX", subject)).isZero();
    }

    @Test
    void gtubeIsRefusedAtPort25() {
        assertThatThrownBy(() -> transfer(BOB, "gtube " + UUID.randomUUID(), Rspamd.GTUBE + "\r\n"))
                .isInstanceOfSatisfying(SMTPSendFailedException.class,
                        e -> assertThat(e.getMessage()).startsWith("554 5.7.1 Gtube pattern"));
    }

    @Test
    void authenticatedSubmissionIsNotFiltered() throws Exception {
        String subject = Rspamd.SPAM_MARKER + " submitted " + UUID.randomUUID().toString().substring(0, 8);

        submit(ALICE, BOB, subject);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> countIn(BOB, "INBOX", subject) == 1);
        assertThat(countIn(BOB, junkMailbox(BOB), subject)).isZero();
    }

    /** Port 25 as another mail server uses it: no AUTH. */
    private void transfer(String to, String subject, String body) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mailPort(PlatformService.MTA.mailListeners().getFirst())));
        props.put("mail.smtp.localhost", "mx.remote.test");
        props.put("mail.smtp.timeout", "60000");
        send(Session.getInstance(props), "carol@remote.test", to, subject, body, null);
    }

    private void submit(String from, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mailPort(PlatformService.MSA.mailListeners().getFirst())));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.timeout", "60000");
        send(Session.getInstance(props), from, to, subject, "Buy now.\r\n", password(from));
    }

    private static void send(Session session, String from, String to, String subject, String body, String password)
            throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(body);
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            if (password == null) {
                transport.connect();
            } else {
                transport.connect(from, password);
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The name of the account's mailbox with the \Junk attribute, as LIST reports it (RFC 6154). */
    private String junkMailbox(String account) throws Exception {
        return withStore(account, store -> {
            for (Folder f : store.getDefaultFolder().list("*")) {
                if (Arrays.asList(((IMAPFolder) f).getAttributes()).contains("\\Junk")) {
                    return f.getFullName();
                }
            }
            throw new AssertionError("no \\Junk mailbox for " + account);
        });
    }

    private int countIn(String account, String mailbox, String subject) throws Exception {
        return withStore(account, store -> {
            Folder folder = store.getFolder(mailbox);
            folder.open(Folder.READ_ONLY);
            try {
                return folder.search(new SubjectTerm(subject)).length;
            } finally {
                folder.close(false);
            }
        });
    }

    private interface StoreQuery<T> {
        T run(Store store) throws Exception;
    }

    private <T> T withStore(String account, StoreQuery<T> query) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", stack.mailPort(PlatformService.IMAP.mailListeners().stream()
                .filter(l -> l.tls() == MailListener.Tls.IMPLICIT).findFirst().orElseThrow()), account, password(account));
        try {
            return query.run(store);
        } finally {
            store.close();
        }
    }

    private String password(String account) {
        return stack.demoCredentials().passwords().get(account);
    }
}
