package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The bounds on what one client or account can make the gateway hold: output for a client that does not
 * read, keywords per mailbox, connections per user and address. Short limits configured.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.local-dev=true",
        "mailplatform.imap.listeners.imap.port=0",
        "mailplatform.imap.listeners.imap.tls=STARTTLS",
        "mailplatform.imap.listeners.imaps.port=-1",
        "mailplatform.imap.listeners.sieve.port=-1",
        "mailplatform.imap.replica-id=imap-resource-limits-test",
        "mailplatform.imap.max-connections-per-user-and-address=3",
        "mailplatform.store.max-keywords-per-mailbox=5",
        "mailplatform.store.max-keyword-length=20",
        "mailplatform.kernel.write-timeout=2s",
        "mailplatform.auth.argon2.memory-kib=1024",
        "mailplatform.auth.argon2.iterations=1",
        "mailplatform.auth.throttle.account-max-failures=1000",
        "mailplatform.auth.throttle.address-max-failures=1000",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class ImapResourceLimitsTest {

    private static final String DOMAIN = "resources.test";
    private static final String PASSWORD = "resource password";

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountManager accountManager;
    @Autowired
    AccountRepository accounts;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MessageRepository messages;
    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void domain() {
        synchronized (ImapTestBase.class) {
            if (domains.find(DOMAIN).isEmpty()) {
                domains.create(DOMAIN);
            }
        }
    }

    @Test
    void aClientPipeliningFetchesWithoutReadingIsHeldToTheWriteBufferAndClosedAfterTheWriteTimeout() throws Exception {
        Account account = newAccount();
        long inbox = mailboxes.inbox(account.id()).id();
        byte[] body = ("Subject: big\r\n\r\n" + "0123456789abcdef".repeat(64 * 1024 / 16) + "\r\n").repeat(4)
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            messages.append(inbox, IncomingMessage.raw(body), MessageFlags.none(), Instant.now());
        }
        double timeoutsBefore = writeTimeouts();

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", server.boundPort("imap")));
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            lines.readLine();
            out.write(("a LOGIN " + account.address() + " " + RawImap.quote(PASSWORD) + "\r\nb SELECT INBOX\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = lines.readLine();
            } while (!line.startsWith("b "));
            assertThat(line).startsWith("b OK");

            // 200 FETCHes of the whole mailbox (5 MiB each): a gigabyte asked for, none of it read.
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                pipeline.append('f').append(i).append(" FETCH 1:* BODY.PEEK[]\r\n");
            }
            out.write(pipeline.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            AtomicLong mostQueued = new AtomicLong();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                mostQueued.accumulateAndGet((long) queuedOutput(), Math::max);
                return writeTimeouts() > timeoutsBefore;
            });
            // The write buffer's high-water mark (64 KiB) plus the one response being written (a message of 256 KiB),
            // never the gigabyte asked for.
            assertThat(mostQueued.get()).isPositive().isLessThan(body.length + 160 * 1024);

            // Closed: what is left in the sockets' buffers ends in EOF, a few MiB at most.
            long left = in.transferTo(OutputStream.nullOutputStream());
            assertThat(left).isLessThan(32L * 1024 * 1024);
        }
    }

    @Test
    void aFetchOfTheWholeMailboxIsReadInBatchesAndAnsweredInFull() throws Exception {
        Account account = newAccount();
        long inbox = mailboxes.inbox(account.id()).id();
        int count = 1_201;
        for (int i = 1; i <= count; i++) {
            messages.append(inbox, IncomingMessage.raw(("Subject: m" + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)),
                    MessageFlags.none(), Instant.now());
        }
        try (RawImap imap = loggedIn(account)) {
            RawImap.last(imap.command("SELECT INBOX"));

            List<String> reply = imap.command("FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])");

            List<String> fetched = reply.stream().filter(line -> line.startsWith("* ") && line.contains(" FETCH (")).toList();
            assertThat(fetched).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(fetched.get(i)).startsWith("* " + (i + 1) + " FETCH (").contains("Subject: m" + (i + 1) + "\r\n");
            }
            assertThat(RawImap.last(reply)).contains(" OK ");
        }
    }

    @Test
    void keywordsPastTheMailboxLimitAreRefusedWithLimit() throws Exception {
        Account account = newAccount();
        try (RawImap imap = loggedIn(account)) {
            RawImap.last(imap.command("SELECT INBOX"));
            appendMessage(imap, "(k1 k2)");

            assertThat(RawImap.last(imap.command("STORE 1 +FLAGS (k3 k4 k5)"))).contains(" OK ");
            assertThat(RawImap.last(imap.command("STORE 1 +FLAGS (k6)"))).contains(" NO [LIMIT] ");
            assertThat(RawImap.last(imap.command("STORE 1 FLAGS (k1 k6)"))).contains(" NO [LIMIT] ");
            assertThat(RawImap.last(imap.command("STORE 1 +FLAGS (" + "x".repeat(21) + ")"))).contains(" NO [LIMIT] ");
            assertThat(appendMessage(imap, "(k7)")).contains(" NO [LIMIT] ");
            // Keywords the mailbox has already cost nothing, and removing makes room.
            assertThat(appendMessage(imap, "(k1 k5)")).contains(" OK ");
            assertThat(RawImap.last(imap.command("STORE 1:* -FLAGS (k5)"))).contains(" OK ");
            assertThat(RawImap.last(imap.command("STORE 1 +FLAGS (k6)"))).contains(" OK ");
        }
    }

    @Test
    void connectionsPerUserAndAddressAreLimitedAndGivenBackOnLogout() throws Exception {
        Account account = newAccount();
        List<RawImap> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(loggedIn(account));
            }
            try (RawImap fourth = RawImap.plain(server.boundPort("imap"))) {
                fourth.readLine();
                assertThat(RawImap.last(fourth.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD))))
                        .contains(" NO [LIMIT] Maximum number of connections from user+IP exceeded");
                String plain = java.util.Base64.getEncoder().encodeToString(
                        ("\0" + account.address() + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                assertThat(RawImap.last(fourth.command("AUTHENTICATE PLAIN " + plain))).contains(" NO [LIMIT] ");
                // Still not authenticated.
                assertThat(RawImap.last(fourth.command("SELECT INBOX"))).contains(" BAD ");

                RawImap.last(open.removeFirst().command("LOGOUT"));
                await().atMost(Duration.ofSeconds(10)).until(() -> RawImap.last(
                        fourth.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD))).contains(" OK "));
            }
            // Another account from the same address is not affected.
            loggedIn(newAccount()).close();
        } finally {
            for (RawImap imap : open) {
                imap.close();
            }
        }
    }

    private RawImap loggedIn(Account account) throws Exception {
        RawImap imap = RawImap.plain(server.boundPort("imap"));
        imap.readLine();
        String reply = RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)));
        if (!reply.contains(" OK ")) {
            throw new AssertionError("LOGIN failed: " + reply);
        }
        return imap;
    }

    private static String appendMessage(RawImap imap, String flags) throws Exception {
        byte[] bytes = "Subject: k\r\n\r\nk\r\n".getBytes(StandardCharsets.US_ASCII);
        String tag = imap.nextTag();
        imap.write(tag + " APPEND INBOX " + flags + " {" + bytes.length + "+}\r\n");
        imap.write(bytes);
        imap.write("\r\n");
        return RawImap.last(imap.readUntilTagged(tag));
    }

    private Account newAccount() {
        String address = "r" + System.nanoTime() + "@" + DOMAIN;
        accountManager.createAccount(address, PASSWORD, 0);
        return accounts.findByAddress(address).orElseThrow();
    }

    private double queuedOutput() {
        return Search.in(registry).name("mail.kernel.output.queued").tag("protocol", "imap").gauges().stream()
                .mapToDouble(gauge -> gauge.value()).sum();
    }

    private double writeTimeouts() {
        return Search.in(registry).name("mail.kernel.limits.exceeded").tags("protocol", "imap", "limit", "write_timeout")
                .counters().stream().mapToDouble(counter -> counter.count()).sum();
    }
}
