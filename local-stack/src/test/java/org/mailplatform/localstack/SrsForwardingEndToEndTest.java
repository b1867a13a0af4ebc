package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.mta.interop.PostfixInstance;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.testsupport.TestDatabase;

/**
 * Forwarding with SRS through the running platform, against a private Postfix as the remote side
 * (domain {@value #REMOTE}, mailboxes carol, dave and bounceme; mail for {@value #OURS} goes to our
 * port 25). carol@{@value #REMOTE} writes to aliases of ours that forward back to {@value #REMOTE}:
 * Postfix must see the forward's envelope sender as {@code SRS0=...@}{@value #OURS}, and the
 * bounces of the forward — Postfix's own after accepting, and ours after Postfix refused at RCPT —
 * must come back through our port 25 to carol's mailbox. A bounce to the SRS form of a local
 * sender lands in that local mailbox; a forged or expired one is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SrsForwardingEndToEndTest {

    private static final String OURS = "example.test";
    private static final String REMOTE = "postfix.test";
    private static final String CAROL = "carol@" + REMOTE;
    private static final String NOBODY = "nobody@" + REMOTE;
    private static final String ALICE = DemoAccounts.ADDRESSES.get(0);
    private static final Pattern RETURN_PATH = Pattern.compile("(?m)^Return-Path: <([^>]*)>");

    @TempDir
    static Path dataDir;

    private LocalStack stack;
    private PostfixInstance postfix;

    @BeforeAll
    void start() throws Exception {
        assumePresent(PostfixInstance.available(),
                "Postfix is not installed (Debian: apt-get install postfix) or this JVM is not root");
        int postfixPort = SmtpLineClient.freePort();
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.mta.relay.transports[" + REMOTE + "]", "127.0.0.1:" + postfixPort,
                        // The sender checks would ask the machine's resolver about the invented .test domains.
                        "mailplatform.mta.inbound.authentication.spf-enabled", "false",
                        "mailplatform.mta.inbound.authentication.dkim-enabled", "false",
                        "mailplatform.mta.inbound.authentication.dmarc-enabled", "false"))).start();
        int ourPort25 = port25();
        // Mail for bounceme is accepted (smtpd does not look at its transport) and then bounced by the error
        // transport, as a full mailbox would be: Postfix's own bounce, from <>, after the 250. Mail for
        // nobody is refused at RCPT, so the bounce is ours.
        postfix = PostfixInstance.start(postfixPort, REMOTE, List.of("carol", "dave", "bounceme"), OURS, ourPort25,
                List.of("transport_maps = inline:{ " + OURS + "=smtp:[127.0.0.1]:" + ourPort25
                        + ", bounceme@" + REMOTE + "=error:mailbox_unavailable }",
                        "smtpd_reject_unlisted_recipient = no",
                        "smtpd_recipient_restrictions = check_recipient_access inline:{ " + NOBODY + "=REJECT }"));
    }

    @AfterAll
    void stop() {
        if (postfix != null) {
            postfix.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aForwardLeavesWithAnSrsSenderInTheAliasDomainAndPostfixsBounceReachesTheAuthor() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String toDave = alias("to-dave-" + tag, "dave@" + REMOTE);
        String toBounce = alias("to-bounce-" + tag, "bounceme@" + REMOTE);
        String delivered = "forwarded " + tag;
        String bounced = "bounced by postfix " + tag;

        send(CAROL, toDave, delivered);
        send(CAROL, toBounce, bounced);

        String atDave = awaitMaildir("dave", delivered);
        Matcher returnPath = RETURN_PATH.matcher(atDave);
        assertThat(returnPath.find()).as(atDave).isTrue();
        String srsSender = returnPath.group(1);
        assertThat(srsSender).startsWith("SRS0=").endsWith("=" + REMOTE + "=carol@" + OURS);
        assertThat(postfix.log()).contains("from=<" + srsSender + ">");

        // Postfix's bounce went from <> to the SRS address on our port 25, was reversed and relayed to carol.
        String bounce = awaitMaildir("carol", "MAILER-DAEMON@" + PostfixInstance.HOSTNAME);
        assertThat(bounce).contains("<MAILER-DAEMON@" + PostfixInstance.HOSTNAME + ">")
                .contains("bounceme@" + REMOTE).contains("Subject: " + bounced);
        assertThat(postfix.log()).containsPattern("from=<>.*\\n(?s).*to=<SRS0=[^>]*=carol@" + OURS + ">");
    }

    @Test
    void ourOwnDsnAboutAForwardPostfixRefusedReachesTheAuthor() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String toNobody = alias("to-nobody-" + tag, NOBODY);
        String subject = "refused at rcpt " + tag;

        send(CAROL, toNobody, subject);

        // Postfix answered 550 at RCPT; the MTA's DSN to the SRS sender was reversed and relayed to carol.
        String dsn = awaitMaildir("carol", "Subject: " + subject);
        assertThat(dsn).contains("<MAILER-DAEMON@mail.example.test>").contains("Action: failed")
                .contains("Final-Recipient: rfc822; " + NOBODY).contains("Recipient address rejected");
    }

    @Test
    void aBounceToTheSrsFormOfALocalSenderLandsInItsMailboxAndForgedOrExpiredOnesAreRefused() throws Exception {
        SenderRewriting srs = new SenderRewriting(List.of(ServiceProperties.DEV_SRS_SECRET), Duration.ofDays(21),
                Clock.systemUTC());
        String forAlice = srs.forward(ALICE, OURS).orElseThrow();
        String expired = new SenderRewriting(List.of(ServiceProperties.DEV_SRS_SECRET), Duration.ofDays(21),
                Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC)).forward(ALICE, OURS).orElseThrow();
        String forged = "SRS0=AAAA" + forAlice.substring("SRS0=xxxx".length());
        String subject = "bounce for alice " + UUID.randomUUID();

        try (SmtpLineClient smtp = new SmtpLineClient(port25())) {
            smtp.expect("220");
            smtp.send("EHLO bounces.remote.test", "250");
            smtp.send("MAIL FROM:<>", "250");
            assertThat(smtp.command("RCPT TO:<" + forged + ">")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<" + expired + ">")).startsWith("550 5.1.1").contains("expired");
            smtp.send("RCPT TO:<" + forAlice + ">", "250");
            smtp.send("DATA", "354");
            smtp.send("From: MAILER-DAEMON@bounces.remote.test\r\nSubject: " + subject
                    + "\r\n\r\nUndeliverable.\r\n.", "250");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> inboxCount(ALICE, subject) == 1);
    }

    private String alias(String localPart, String target) {
        String address = localPart + "@" + OURS;
        stack.bean(PlatformService.MDA, AliasRepository.class).add(address, target);
        return address;
    }

    private void send(String from, String to, String subject) throws IOException {
        try (SmtpLineClient smtp = new SmtpLineClient(port25())) {
            smtp.expect("220");
            smtp.send("EHLO mail." + REMOTE, "250");
            smtp.send("MAIL FROM:<" + from + ">", "250");
            smtp.send("RCPT TO:<" + to + ">", "250");
            smtp.send("DATA", "354");
            smtp.send("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
                    + "\r\nMessage-ID: <" + UUID.randomUUID() + "@" + REMOTE + ">\r\n\r\nHello through a forward.\r\n.", "250");
        }
    }

    private String awaitMaildir(String user, String containing) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> postfix.maildir(user).stream().map(m -> new String(m, StandardCharsets.UTF_8))
                        .filter(m -> m.contains(containing)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private int inboxCount(String account, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        int imaps = stack.mailPort(PlatformService.IMAP.mailListeners().stream()
                .filter(l -> l.tls() == MailListener.Tls.IMPLICIT).findFirst().orElseThrow());
        store.connect("127.0.0.1", imaps, account, stack.demoCredentials().passwords().get(account));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.search(new SubjectTerm(subject)).length;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private int port25() {
        return stack.mailPort(PlatformService.MTA.mailListeners().getFirst());
    }
}
