package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE_PASSWORD;
import static org.mailplatform.msa.SubmissionTestAccounts.CAROL;
import static org.mailplatform.msa.SubmissionTestAccounts.CAROL_PASSWORD;
import static org.mailplatform.msa.SubmissionTestAccounts.MALLORY;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msa.MsaTestSupport.RawSmtp;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.RecipientState;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Submission end to end: real clients over real sockets, records read back from the real broker. */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submission.tls=STARTTLS",
        "mailplatform.msa.listeners.submissions.port=0",
        "mailplatform.msa.listeners.submissions.tls=IMPLICIT",
        "mailplatform.msa.max-recipients=3",
        "mailplatform.msa.max-message-size=200KB",
        "mailplatform.msa.rate-limit.recipients-per-account-per-hour=40",
        "mailplatform.auth.throttle.failure-delay=10ms",
        "mailplatform.auth.throttle.max-failure-delay=100ms",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class SubmissionTest {

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;
    @Autowired
    javax.sql.DataSource dataSource;

    static TopicReader<MailRecord> outbound;

    @BeforeAll
    static void openReader() {
        outbound = new TopicReader<>(MailTopics.OUTBOUND, new MailRecordDeserializer());
    }

    @AfterAll
    static void closeReader() {
        outbound.close();
    }

    @BeforeEach
    void accounts() {
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
    }

    int port587() {
        return server.boundPort("submission");
    }

    int port465() {
        return server.boundPort("submissions");
    }

    private Session session(boolean implicitTls, int port, boolean auth) {
        Properties p = new Properties();
        String proto = implicitTls ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", "127.0.0.1");
        p.put("mail." + proto + ".port", String.valueOf(port));
        p.put("mail." + proto + ".auth", String.valueOf(auth));
        p.put("mail." + proto + ".ssl.trust", "*");
        p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        p.put("mail." + proto + ".timeout", "15000");
        if (!implicitTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    private MimeMessage message(Session s, String from, String subject, String to) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject);
        m.setText("Hello Bob,\n.a line that starts with a dot\n\nAlice\n", "UTF-8");
        m.saveChanges();
        return m;
    }

    private static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** The first header field with its folded continuation lines (RFC 5322 2.2.3). */
    private static String firstField(String message) {
        int end = message.indexOf("\r\n");
        while (end >= 0 && end + 2 < message.length() && (message.charAt(end + 2) == '\t' || message.charAt(end + 2) == ' ')) {
            end = message.indexOf("\r\n", end + 2);
        }
        return message.substring(0, end + 2);
    }

    private static void send(Session s, boolean implicitTls, MimeMessage m, String user, String password) throws Exception {
        try (Transport t = s.getTransport(implicitTls ? "smtps" : "smtp")) {
            t.connect(user, password);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    private static String text(MailRecord r) {
        return new String(r.message(), StandardCharsets.UTF_8);
    }

    @Test
    void jakartaMailSubmitsOver587WithStartTlsAndTheRecordCarriesTheExactMessage() throws Exception {
        Session s = session(false, port587(), true);
        String subject = "starttls " + UUID.randomUUID();
        MimeMessage m = message(s, ALICE, subject, "bob@remote.test, carol@example.test");
        byte[] sent = bytes(m);
        send(s, false, m, ALICE, ALICE_PASSWORD);

        MailRecord r = outbound.await(x -> text(x).contains(subject));
        assertThat(r.envelope().mailFrom()).isEqualTo(ALICE);
        assertThat(r.envelope().recipients()).extracting(x -> x.address())
                .containsExactly("bob@remote.test", "carol@example.test");
        assertThat(r.envelope().recipients()).allMatch(x -> x.state() == RecipientState.PENDING);
        assertThat(r.envelope().authenticatedUser()).isEqualTo(ALICE);
        assertThat(r.envelope().tls()).isNotNull();
        assertThat(r.envelope().tls().protocol()).startsWith("TLSv1.");
        assertThat(r.envelope().clientAddress()).isEqualTo("127.0.0.1");
        assertThat(r.envelope().queueId()).isNotBlank();

        // The Received field comes first and names TLS and the user; the client's bytes follow unchanged.
        String received = firstField(text(r));
        assertThat(received).startsWith("Received: from ");
        assertThat(received).contains("by mail.example.test with ESMTPSA id " + r.envelope().queueId());
        assertThat(received).contains("(using TLSv1.").contains("with cipher TLS_");
        assertThat(received).contains("(authenticated sender: " + ALICE + ")");
        byte[] rest = Arrays.copyOfRange(r.message(), received.getBytes(StandardCharsets.UTF_8).length, r.message().length);
        // Jakarta Mail puts every line end on the wire as CRLF (RFC 5321 2.3.8); the record holds the wire bytes.
        String wire = new String(sent, StandardCharsets.UTF_8).replaceAll("(?<!\r)\n", "\r\n");
        assertThat(new String(rest, StandardCharsets.UTF_8)).isEqualTo(wire);
    }

    @Test
    void jakartaMailSubmitsOver465WithImplicitTls() throws Exception {
        Session s = session(true, port465(), true);
        String subject = "implicit " + UUID.randomUUID();
        MimeMessage m = message(s, "sales@example.test", subject, "dave@remote.test");
        send(s, true, m, ALICE, ALICE_PASSWORD);
        MailRecord r = outbound.await(x -> text(x).contains(subject));
        assertThat(r.envelope().mailFrom()).isEqualTo("sales@example.test");
        assertThat(text(r)).contains("\tfor <dave@remote.test>;");
    }

    @Test
    void missingDateAndMessageIdAreAddedBySubmission() throws Exception {
        String subject = "bare " + UUID.randomUUID();
        try (RawSmtp c = new RawSmtp(port587())) {
            assertThat(c.login(ALICE, ALICE_PASSWORD)).startsWith("235 2.7.0");
            assertThat(c.send("MAIL FROM:<alice+lists@example.test>\r\n")).startsWith("250 2.1.0");
            assertThat(c.send("RCPT TO:<bob@remote.test>\r\n")).startsWith("250 2.1.5");
            assertThat(c.send("DATA\r\n")).startsWith("354");
            assertThat(c.send("Subject: " + subject + "\r\n\r\nhi\r\n.\r\n")).startsWith("250 2.0.0 Ok: queued as ");
        }
        MailRecord r = outbound.await(x -> text(x).contains(subject));
        assertThat(text(r)).contains("Subject: " + subject + "\r\nDate: ").contains("\r\nMessage-ID: <"
                + r.envelope().queueId() + "@mail.example.test>\r\n\r\nhi\r\n");
    }

    @Test
    void mailWithoutAuthGets530() throws Exception {
        Session s = session(false, port587(), false);
        MimeMessage m = message(s, ALICE, "noauth", "bob@remote.test");
        assertThatThrownBy(() -> Transport.send(m)).hasMessageContaining("530");
    }

    @Test
    void authIsNotOfferedBeforeTls() throws Exception {
        try (RawSmtp c = new RawSmtp(port587())) {
            c.reply();
            c.write("EHLO client.test\r\n");
            java.util.List<String> ehlo = c.replyLines();
            assertThat(ehlo).anyMatch(l -> l.contains("STARTTLS")).noneMatch(l -> l.contains("AUTH"));
            assertThat(c.send("AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABjb3JyZWN0IGhvcnNlIGJhdHRlcnk=\r\n"))
                    .startsWith("538 5.7.11");
        }
    }

    @Test
    void wrongPasswordGets535AndRepeatedFailuresAreThrottled() throws Exception {
        Session s = session(false, port587(), true);
        MimeMessage m = message(s, MALLORY, "wrong", "bob@remote.test");
        assertThatThrownBy(() -> Transport.send(m, MALLORY, "not the password"))
                .hasMessageContaining("535");
        String last = null;
        for (int i = 0; i < 8; i++) {
            try (RawSmtp c = new RawSmtp(port587())) {
                last = c.login(MALLORY, "still not it " + i);
            }
        }
        assertThat(last).startsWith("454 4.7.0");
    }

    @Test
    void foreignMailFromGets553() throws Exception {
        Session s = session(false, port587(), true);
        MimeMessage m = message(s, "ceo@bank.test", "spoof", "bob@remote.test");
        assertThatThrownBy(() -> Transport.send(m, ALICE, ALICE_PASSWORD)).hasMessageContaining("553");
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            assertThat(c.send("MAIL FROM:<" + MALLORY + ">\r\n")).startsWith("553 5.7.1");
            assertThat(c.send("MAIL FROM:<>\r\n")).startsWith("553 5.7.1");
        }
    }

    @Test
    void theAccountsOwnAddressItsSubaddressesAndItsAliasesAreSenders() throws Exception {
        String local = ALICE.substring(0, ALICE.indexOf('@'));
        String domain = ALICE.substring(ALICE.indexOf('@') + 1);
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            for (String sender : new String[] {ALICE, local.toUpperCase(java.util.Locale.ROOT) + "@" + domain,
                    local + "+lists@" + domain, "sales@example.test"}) {
                assertThat(c.send("MAIL FROM:<" + sender + ">\r\n")).as(sender).startsWith("250");
                assertThat(c.send("RSET\r\n")).startsWith("250");
            }
            // Another account's sub-address is not the account's.
            String mallory = MALLORY.substring(0, MALLORY.indexOf('@')) + "+x" + MALLORY.substring(MALLORY.indexOf('@'));
            assertThat(c.send("MAIL FROM:<" + mallory + ">\r\n")).startsWith("553 5.7.1");
        }
    }

    @Test
    void declaredAndActualSizeOverTheLimitGet552() throws Exception {
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            assertThat(c.send("MAIL FROM:<" + ALICE + "> SIZE=300000\r\n")).startsWith("552 5.3.4");
            assertThat(c.send("MAIL FROM:<" + ALICE + ">\r\n")).startsWith("250");
            assertThat(c.send("RCPT TO:<bob@remote.test>\r\n")).startsWith("250");
            assertThat(c.send("DATA\r\n")).startsWith("354");
            String line = "x".repeat(998) + "\r\n";
            c.write("Subject: big\r\n\r\n");
            for (int i = 0; i < 210; i++) {
                c.write(line);
            }
            assertThat(c.send(".\r\n")).startsWith("552 5.3.4");
            assertThat(c.send("NOOP\r\n")).startsWith("250");
        }
    }

    @Test
    void tooManyRecipientsGet452() throws Exception {
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            c.send("MAIL FROM:<" + ALICE + ">\r\n");
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("RCPT TO:<r" + i + "@remote.test>\r\n")).startsWith("250");
            }
            assertThat(c.send("RCPT TO:<r9@remote.test>\r\n")).startsWith("452 4.5.3");
        }
    }

    @Test
    void bareLfInDataIsRejectedAndNothingIsPublished() throws Exception {
        String subject = "smuggle " + UUID.randomUUID();
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            c.send("MAIL FROM:<" + ALICE + ">\r\n");
            c.send("RCPT TO:<bob@remote.test>\r\n");
            c.send("DATA\r\n");
            String reply = c.send("Subject: " + subject + "\r\n\r\nx\n.\r\nMAIL FROM:<" + ALICE + ">\r\n");
            assertThat(reply).startsWith("550 5.5.2");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            c.send("MAIL FROM:<" + ALICE + ">\r\n");
            c.send("RCPT TO:<bob@remote.test>\r\n");
            c.send("DATA\r\n");
            assertThat(c.send("Subject: " + subject + "\r\n\r\nx\r.\r\n")).startsWith("550 5.5.2");
        }
        // A later, valid message shows up alone: the smuggled ones never reached the topic.
        String marker = "after " + subject;
        try (RawSmtp c = new RawSmtp(port587())) {
            c.login(ALICE, ALICE_PASSWORD);
            c.send("MAIL FROM:<" + ALICE + ">\r\n");
            c.send("RCPT TO:<bob@remote.test>\r\n");
            c.send("DATA\r\n");
            assertThat(c.send("Subject: " + marker + "\r\n\r\nok\r\n.\r\n")).startsWith("250");
        }
        outbound.await(x -> text(x).contains(marker));
        assertThat(outbound.count(x -> text(x).contains("Subject: " + subject + "\r\n"))).isZero();
    }

    @Test
    void commandsPipelinedBehindStartTlsAreDiscarded() throws Exception {
        try (RawSmtp c = new RawSmtp(port587())) {
            c.reply();
            c.send("EHLO client.test\r\n");
            assertThat(c.send("STARTTLS\r\nNOOP\r\n")).startsWith("220 2.0.0");
            c.startTls();
            c.write("EHLO again.test\r\n");
            String first = c.rawLine();
            assertThat(first).startsWith("250-mail.example.test Hello again.test");
        }
    }

    /** A stolen password sends to a bounded number of addresses, however it spreads them over messages. */
    @Test
    void anAccountAddressesABoundedNumberOfRecipientsPerHour() throws Exception {
        // The count lives in the shared database: an earlier run within the hour must not use up this one's budget.
        org.springframework.jdbc.core.simple.JdbcClient.create(dataSource).sql("DELETE FROM rolling_counts WHERE key = :key")
                .param("key", "msa.recipients:" + CAROL).update();
        int accepted = 0;
        String refusal = null;
        try (RawSmtp c = new RawSmtp(port587())) {
            assertThat(c.login(CAROL, CAROL_PASSWORD)).startsWith("235");
            for (int message = 0; refusal == null && message < 20; message++) {
                assertThat(c.send("MAIL FROM:<" + CAROL + ">\r\n")).startsWith("250");
                for (int i = 0; refusal == null && i < 3; i++) {
                    String reply = c.send("RCPT TO:<r" + message + "-" + i + "@remote.test>\r\n");
                    if (reply.startsWith("250")) {
                        accepted++;
                    } else {
                        refusal = reply;
                    }
                }
                c.send("RSET\r\n");
            }
        }
        assertThat(accepted).isEqualTo(40);
        assertThat(refusal).startsWith("450 4.7.1");
    }

    /** Submission serves nobody before AUTH: twenty commands without it, and the connection closes. */
    @Test
    void aClientThatNeverAuthenticatesIsCutOff() throws Exception {
        try (RawSmtp c = new RawSmtp(port587())) {
            c.reply();
            assertThat(c.send("EHLO client.test\r\n")).startsWith("250");
            for (int i = 2; i <= 20; i++) {
                assertThat(c.send("NOOP\r\n")).startsWith("250");
            }
            assertThat(c.send("NOOP\r\n")).startsWith("421 4.7.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    /** RFC 2920 3.1: without PIPELINING from EHLO, commands sent ahead of the replies end the session. */
    @Test
    void commandsPipelinedWithoutEhloEndTheSession() throws Exception {
        try (RawSmtp c = new RawSmtp(port587())) {
            c.reply();
            assertThat(c.send("HELO client.test\r\nAUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABjb3JyZWN0IGhvcnNlIGJhdHRlcnk=\r\n"))
                    .startsWith("554 5.5.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
