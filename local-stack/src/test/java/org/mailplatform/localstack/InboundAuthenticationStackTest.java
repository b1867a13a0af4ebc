package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.testsupport.Dnsmasq;
import org.mailplatform.testsupport.TestDatabase;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;

/**
 * DMARC enforcement as a user sees it: mail from a remote server to port 25 whose author domain
 * publishes p=quarantine (on a real DNS server, dnsmasq) is found over IMAP in the recipient's Junk
 * mailbox with the MTA's Authentication-Results; p=reject is refused with 550 5.7.1 at the end of
 * DATA as a real SMTP client (Jakarta Mail) sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class InboundAuthenticationStackTest {

    private static final String BOB = DemoAccounts.ADDRESSES.get(1);

    @TempDir
    static Path dataDir;

    private Dnsmasq dns;
    private LocalStack stack;

    @BeforeAll
    void startStack() throws Exception {
        assumePresent(Dnsmasq.available(), "dnsmasq is not installed (apt-get install dnsmasq-base; .ci/run does it)");
        dns = Dnsmasq.start(List.of(
                Dnsmasq.txtRecord("quarantine.test", "v=spf1 -all"),
                Dnsmasq.txtRecord("_dmarc.quarantine.test", "v=DMARC1; p=quarantine"),
                Dnsmasq.txtRecord("reject.test", "v=spf1 -all"),
                Dnsmasq.txtRecord("_dmarc.reject.test", "v=DMARC1; p=reject"),
                Dnsmasq.txtRecord("pass.test", "v=spf1 ip4:127.0.0.0/8 -all"),
                Dnsmasq.txtRecord("_dmarc.pass.test", "v=DMARC1; p=reject")));
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.mta.relay.dns-servers", dns.address()))).start();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void quarantinedMessageIsInTheRecipientsJunkMailboxWithTheResults() throws Exception {
        String subject = "dmarc quarantine " + UUID.randomUUID();
        sendToPort25("someone@quarantine.test", subject);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> !headers(BOB, "Junk", subject).isEmpty());
        List<String> results = headers(BOB, "Junk", subject);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).startsWith("mail.example.test;")
                .contains("spf=fail smtp.mailfrom=quarantine.test")
                .contains("dmarc=fail (p=quarantine")
                .contains("header.from=quarantine.test");
        assertThat(headers(BOB, "INBOX", subject)).isEmpty();
    }

    @Test
    void authenticatedMessageGoesToTheInbox() throws Exception {
        String subject = "dmarc pass " + UUID.randomUUID();
        sendToPort25("someone@pass.test", subject);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> !headers(BOB, "INBOX", subject).isEmpty());
        assertThat(headers(BOB, "INBOX", subject).getFirst()).contains("spf=pass").contains("dmarc=pass");
    }

    @Test
    void rejectPolicyIsRefusedWith550AtTheEndOfData() {
        String subject = "dmarc reject " + UUID.randomUUID();
        SMTPSendFailedException refused = catchThrowableOfType(SMTPSendFailedException.class,
                () -> sendToPort25("ceo@reject.test", subject));
        assertThat(refused).isNotNull();
        assertThat(refused.getReturnCode()).isEqualTo(550);
        assertThat(refused.getMessage()).contains("5.7.1").contains("DMARC policy of reject.test");
    }

    /** As another mail server would: to port 25, no AUTH, MAIL FROM and From in the sender's domain. */
    private void sendToPort25(String from, String subject) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(stack.mailPort(PlatformService.MTA.mailListeners().getFirst())));
        p.put("mail.smtp.localhost", "mx.sender.test");
        p.put("mail.smtp.from", from);
        p.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(BOB));
        m.setSubject(subject);
        m.setText("hello from far away\n");
        Transport.send(m);
    }

    /** The Authentication-Results values of the messages with this subject in one mailbox, over IMAP. */
    private List<String> headers(String account, String mailbox, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", stack.mailPort(PlatformService.IMAP.mailListeners().stream()
                .filter(l -> l.tls() == MailListener.Tls.IMPLICIT).findFirst().orElseThrow()), account,
                stack.demoCredentials().passwords().get(account));
        try {
            Folder folder = store.getFolder(mailbox);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                List<String> out = new ArrayList<>();
                for (Message m : folder.search(new SubjectTerm(subject))) {
                    String[] values = m.getHeader("Authentication-Results");
                    out.add(values == null ? "" : values[0].replaceAll("\\s+", " "));
                }
                return out;
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }
}
