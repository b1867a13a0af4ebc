package org.mailplatform.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.mailplatform.protocolservice.MailProtocolServer;

/** Port 25 end to end: a real SMTP client, the real store for recipient checks, the real broker. */
@SpringBootTest(properties = {
        "mailplatform.hostname=mx.example.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.inbound.listeners.smtp.tls=STARTTLS",
        "mailplatform.mta.inbound.postmaster=postmaster@example.test",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class InboundTest {

    @Autowired
    @Qualifier("inboundServer")
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;

    static TopicReader<MailRecord> delivery;

    @BeforeAll
    static void reader() {
        delivery = new TopicReader<>(MailTopics.DELIVERY, new MailRecordDeserializer());
    }

    @AfterAll
    static void close() {
        delivery.close();
    }

    @BeforeEach
    void accounts() {
        synchronized (InboundTest.class) {
            if (domains.find("example.test").isEmpty()) {
                domains.create("example.test");
                manager.createAccount("bob@example.test", "bobs long password", 0);
                manager.createAccount("postmaster@example.test", "postmaster password", 0);
                aliases.add("team@example.test", "bob@example.test");
            }
        }
    }

    private int port() {
        return server.boundPort("smtp");
    }

    private static String text(MailRecord r) {
        return new String(r.message(), StandardCharsets.UTF_8);
    }

    @Test
    void realClientDeliversToALocalUserOverStartTls() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.localhost", "mail.remote.test");
        Session s = Session.getInstance(p);
        MimeMessage m = new MimeMessage(s);
        String subject = "inbound " + UUID.randomUUID();
        m.setFrom(new InternetAddress("carol@remote.test"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse("bob@example.test, team@example.test"));
        m.setSubject(subject);
        m.setText("hi bob\n");
        Transport.send(m);

        MailRecord r = delivery.await(x -> text(x).contains(subject));
        assertThat(r.envelope().mailFrom()).isEqualTo("carol@remote.test");
        assertThat(r.envelope().recipients()).extracting(x -> x.address())
                .containsExactly("bob@example.test", "team@example.test");
        assertThat(r.envelope().authenticatedUser()).isNull();
        assertThat(r.envelope().clientHelo()).isEqualTo("mail.remote.test");
        assertThat(text(r)).startsWith("Received: from mail.remote.test ([127.0.0.1])\r\n\tby mx.example.test with ESMTPS id "
                + r.envelope().queueId());
    }

    /** Every refusal happens at RCPT time, so nothing is accepted that would later bounce (no backscatter). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<someone@elsewhere.test>                  | 554 5.7.1",
            "<nobody@example.test>                     | 550 5.1.1",
            "<bob%elsewhere.test@example.test>         | 550 5.1.1",
            "<@example.test,@relay.test:x@elsewhere.test> | 554 5.7.1",
            "<\"bob@elsewhere.test\"@example.test>       | 55",
            "<bob@[127.0.0.1]>                         | 554 5.7.1",
            "<bob@example.test.>                       | 501 5.1.3"})
    void relayAndUnknownRecipientsAreRefused(String recipient, String expected) throws Exception {
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO attacker.test\r\n", "250");
            c.send("MAIL FROM:<a@attacker.test>\r\n", "250");
            assertThat(c.command("RCPT TO:" + recipient.trim() + "\r\n")).startsWith(expected.trim());
            assertThat(c.command("DATA\r\n")).startsWith("554 5.5.1");
        }
    }

    @Test
    void sourceRouteToOurDomainIsDeliveredToTheFinalMailboxOnly() throws Exception {
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            c.send("MAIL FROM:<a@remote.test>\r\n", "250");
            assertThat(c.command("RCPT TO:<@hop.test:bob@example.test>\r\n")).startsWith("250");
        }
    }

    @Test
    void requireTlsOnAPlaintextSessionIsRefusedWith530() throws Exception {
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            // RFC 8689 2: REQUIRETLS only over TLS.
            assertThat(c.command("MAIL FROM:<a@remote.test> REQUIRETLS\r\n")).startsWith("530 5.7.10");
            c.send("MAIL FROM:<a@remote.test>\r\n", "250");
        }
    }

    @Test
    void barePostmasterIsAccepted() throws Exception {
        String subject = "pm " + UUID.randomUUID();
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            c.send("MAIL FROM:<>\r\n", "250");
            c.send("RCPT TO:<Postmaster>\r\n", "250");
            c.send("DATA\r\n", "354");
            c.send("Subject: " + subject + "\r\n\r\nhello\r\n.\r\n", "250");
        }
        MailRecord r = delivery.await(x -> text(x).contains(subject));
        assertThat(r.envelope().recipients()).extracting(x -> x.address()).containsExactly("postmaster@example.test");
        assertThat(r.envelope().isNullSender()).isTrue();
    }

    @Test
    void moreThanAHundredReceivedFieldsIsALoop() throws Exception {
        String subject = "loop " + UUID.randomUUID();
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            m.append("Received: from hop").append(i).append(".test by hop").append(i + 1).append(".test; Thu, 26 Nov 2026 10:00:00 +0000\r\n");
        }
        m.append("Subject: ").append(subject).append("\r\n\r\nloop\r\n.\r\n");
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            c.send("MAIL FROM:<a@remote.test>\r\n", "250");
            c.send("RCPT TO:<bob@example.test>\r\n", "250");
            c.send("DATA\r\n", "354");
            assertThat(c.command(m.toString())).startsWith("554 5.4.6");
        }
        // A hundred hops are still fine.
        String ok = m.toString().replaceFirst("Received: from hop0[^\r]*\r\n", "").replace(subject, subject + " ok");
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            c.send("MAIL FROM:<a@remote.test>\r\n", "250");
            c.send("RCPT TO:<bob@example.test>\r\n", "250");
            c.send("DATA\r\n", "354");
            assertThat(c.command(ok)).startsWith("250");
        }
        assertThat(delivery.count(x -> text(x).contains("Subject: " + subject + "\r\n"))).isZero();
    }

    @Test
    void authIsNotOfferedOnPort25() throws Exception {
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            assertThat(c.command("AUTH PLAIN AGJvYkBleGFtcGxlLnRlc3QAYm9icyBsb25nIHBhc3N3b3Jk\r\n")).startsWith("502 5.5.1");
        }
    }

    /** RFC 2920 3.1: a bot's script, HELO MAIL RCPT DATA in one packet, is refused before any of it is acted on. */
    @Test
    void commandsPipelinedWithoutEhloEndTheSession() throws Exception {
        try (Raw c = new Raw(port())) {
            c.expect("220");
            assertThat(c.command("HELO bot.test\r\nMAIL FROM:<a@bot.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"))
                    .isEqualTo("554 5.5.0 Error: SMTP protocol synchronization");
            assertThat(c.reply()).isNull();
        }
    }

    /**
     * RFC 3461 4.4 and 5.1: an ENVID that decodes to CR LF is refused at MAIL with 501, not accepted and
     * then failed at the hand-off; the session goes on and the next transaction is delivered.
     */
    @Test
    void dsnParametersWithControlCharactersAreRefusedWhereTheyAreGiven() throws Exception {
        String subject = "dsn " + UUID.randomUUID();
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO relay.test\r\n", "250");
            assertThat(c.command("MAIL FROM:<a@remote.test> ENVID=x+0D+0ABcc:+20evil@remote.test\r\n")).startsWith("501 5.5.4");
            c.send("MAIL FROM:<a@remote.test> RET=HDRS ENVID=env-1\r\n", "250");
            assertThat(c.command("RCPT TO:<bob@example.test> ORCPT=rfc822;bob+01@example.test\r\n")).startsWith("501 5.5.4");
            c.send("RCPT TO:<bob@example.test> NOTIFY=FAILURE ORCPT=rfc822;bob@example.test\r\n", "250");
            c.send("DATA\r\n", "354");
            c.send("Subject: " + subject + "\r\n\r\nhello\r\n.\r\n", "250 2.0.0");
        }
        MailRecord r = delivery.await(x -> text(x).contains(subject));
        assertThat(r.envelope().envelopeId()).isEqualTo("env-1");
        assertThat(r.envelope().recipients().getFirst().originalRecipient().address()).isEqualTo("bob@example.test");
    }

    /** As Postfix's smtpd_hard_error_limit: the twentieth error reply is 421 and the connection closes. */
    @Test
    void aClientThatKeepsErringIsDisconnected() throws Exception {
        try (Raw c = new Raw(port())) {
            c.expect("220");
            c.send("EHLO prober.test\r\n", "250");
            for (int i = 1; i < 20; i++) {
                c.send("VRFY\r\n", "501");
            }
            assertThat(c.command("VRFY\r\n")).isEqualTo("421 4.7.0 mx.example.test Error: too many errors");
            assertThat(c.reply()).isNull();
        }
    }

    /** A line client for the exchanges a mail library won't produce. */
    static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Raw(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(15_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String reply() throws Exception {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        void expect(String code) throws Exception {
            assertThat(reply()).startsWith(code);
        }

        String command(String raw) throws Exception {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        void send(String raw, String code) throws Exception {
            assertThat(command(raw)).startsWith(code);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
