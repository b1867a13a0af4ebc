package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.mta.interop.PostfixInstance;
import org.mailplatform.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sieve through the whole platform, as a user meets it: scripts uploaded and activated with
 * sieve-connect over ManageSieve (STARTTLS, PLAIN), mail submitted to the MSA or handed to port 25,
 * the outcome read over IMAP. Each case has accounts of its own, made through the admin API, so
 * their scripts touch no other test. The redirect goes to a private Postfix for {@value #REMOTE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SieveEndToEndTest {

    private static final String OURS = DemoAccounts.DOMAIN;
    private static final String REMOTE = "postfix.test";
    private static final String PASSWORD = "Sieve-e2e-pass-1";
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    /** How long a message that must not come is waited for, once everything sent before it has arrived. */
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final Pattern RETURN_PATH = Pattern.compile("(?m)^Return-Path: <([^>]*)>");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private LocalStack stack;
    private int postfixPort;

    @BeforeAll
    void start() throws Exception {
        assumePresent(SieveConnect.installed(), "sieve-connect is not installed (apt-get install sieve-connect; .ci/run does it)");
        postfixPort = SmtpLineClient.freePort();
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.mta.relay.transports[" + REMOTE + "]", "127.0.0.1:" + postfixPort,
                        // The sender checks would ask the machine's resolver about the invented .test domains.
                        "mailplatform.mta.inbound.authentication.spf-enabled", "false",
                        "mailplatform.mta.inbound.authentication.dkim-enabled", "false",
                        "mailplatform.mta.inbound.authentication.dmarc-enabled", "false"))).start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void fileintoCreateFilesListMailIntoANewMailboxAndSieveConnectListsTheActiveScript() throws Exception {
        String user = newAccount("lists");
        String sender = newAccount("poster");
        String tag = tag();
        activate(user, "lists", """
                require ["fileinto", "mailbox"];
                # Mail from the x list goes to its own mailbox, made on first use.
                if header :contains "List-Id" "x.lists.example.test" {
                    fileinto :create "Lists/x";
                    stop;
                }
                """);
        SieveConnect.Run list = sieveConnect(user).list();
        assertThat(list.exit()).as(list.output()).isZero();
        // sieve-connect prints the LISTSCRIPTS lines (RFC 5804 2.7): the active one carries ACTIVE.
        assertThat(list.output()).containsPattern("(?m)^\"lists\" ACTIVE$");

        submit(sender, user, "list post " + tag, Map.of("List-Id", "The x list <x.lists.example.test>"));
        submit(sender, user, "personal " + tag, Map.of());

        await().atMost(DELIVERY).until(() -> subjects(user, "INBOX", tag).contains("personal " + tag));
        await().atMost(DELIVERY).until(() -> mailboxes(user).contains("Lists/x")
                && subjects(user, "Lists/x", tag).contains("list post " + tag));
        assertThat(subjects(user, "INBOX", tag)).containsExactly("personal " + tag);
        assertThat(subjects(user, "Lists/x", tag)).containsExactly("list post " + tag);
    }

    @Test
    void addflagMarksTheStoredCopyFlagged() throws Exception {
        String user = newAccount("flags");
        String sender = newAccount("boss");
        String tag = tag();
        activate(user, "flags", """
                require ["imap4flags"];
                if header :contains "Subject" "urgent" {
                    addflag "\\\\Flagged";
                }
                """);

        submit(sender, user, "urgent " + tag, Map.of());
        submit(sender, user, "later " + tag, Map.of());

        await().atMost(DELIVERY).until(() -> subjects(user, "INBOX", tag).size() == 2);
        assertThat(flags(user, "urgent " + tag).contains(Flags.Flag.FLAGGED)).isTrue();
        assertThat(flags(user, "later " + tag).contains(Flags.Flag.FLAGGED)).isFalse();
    }

    @Test
    void redirectSendsTheMessageToARemoteAddressWithAnSrsSenderAndKeepsNoCopy() throws Exception {
        assumePresent(PostfixInstance.available(),
                "Postfix is not installed (Debian: apt-get install postfix) or this JVM is not root");
        String user = newAccount("away");
        String tag = tag();
        activate(user, "forward", """
                redirect "dave@postfix.test";
                """);
        try (PostfixInstance postfix = PostfixInstance.start(postfixPort, REMOTE, List.of("carol", "dave"), OURS, port25())) {
            String subject = "redirected " + tag;
            transfer("carol@" + REMOTE, "carol@" + REMOTE, user, subject, Map.of());

            String atDave = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> postfix.maildir("dave").stream().map(m -> new String(m, StandardCharsets.UTF_8))
                            .filter(m -> m.contains("Subject: " + subject)).findFirst(), Optional::isPresent)
                    .orElseThrow();
            // RFC 5228 4.2: the message goes on as it came, with a Delivered-To that stops a loop back to us.
            assertThat(atDave).contains("Delivered-To: " + user).contains("From: <carol@" + REMOTE + ">");
            Matcher returnPath = RETURN_PATH.matcher(atDave);
            assertThat(returnPath.find()).as(atDave).isTrue();
            assertThat(returnPath.group(1)).startsWith("SRS0=").endsWith("=" + REMOTE + "=carol@" + OURS);
            // The redirect cancels the implicit keep (RFC 5228 2.10.2).
            assertThat(subjects(user, "INBOX", tag)).isEmpty();
        }
    }

    @Test
    void rejectSendsTheSenderAnMdnAndStoresNothing() throws Exception {
        String user = newAccount("strict");
        String sender = newAccount("pusher");
        String tag = tag();
        activate(user, "refuse", """
                require ["reject"];
                if header :contains "Subject" "offer" {
                    reject "I do not take offers by mail.";
                }
                """);
        String subject = "offer " + tag;
        MimeMessage sent = submit(sender, user, subject, Map.of());
        submit(sender, user, "after " + tag, Map.of());

        List<MessageView> notices = await().atMost(DELIVERY)
                .until(() -> inbox(sender, "Rejected: " + subject), n -> !n.isEmpty());
        // The later message from the same sender came through: whatever the offer left behind is there too.
        await().atMost(DELIVERY).until(() -> subjects(user, "INBOX", tag).contains("after " + tag));
        assertThat(subjects(user, "INBOX", tag)).containsExactly("after " + tag);

        MessageView notice = notices.getFirst();
        assertThat(notices).hasSize(1);
        assertThat(notice.from()).isEqualTo(user);
        // RFC 5429 2.1 with an MDN (RFC 8098): the "deleted" disposition and the original's header section.
        assertThat(notice.contentType()).containsIgnoringCase("multipart/report")
                .containsIgnoringCase("report-type=disposition-notification");
        assertThat(notice.header("Auto-Submitted")).startsWith("auto-replied");
        assertThat(notice.header("In-Reply-To")).isEqualTo(sent.getMessageID());
        assertThat(notice.raw()).contains("I do not take offers by mail.")
                .contains("Disposition: automatic-action/MDN-sent-automatically; deleted")
                .contains("Final-Recipient: rfc822; " + user)
                .contains("Original-Message-ID: " + sent.getMessageID())
                .contains("Subject: " + subject);
    }

    @Test
    void vacationAnswersEachSenderOncePerPeriodAndNeverAutomatedOrListMail() throws Exception {
        String user = newAccount("holiday");
        String first = newAccount("first");
        String second = newAccount("second");
        String bulk = newAccount("bulk");
        String list = newAccount("list");
        String bounced = newAccount("bounced");
        String tag = tag();
        String replySubject = "Away " + tag;
        activate(user, "vacation", """
                require ["vacation"];
                vacation :days 1 :subject "%s" "I am away until Monday.";
                """.formatted(replySubject));

        MimeMessage hello = submit(first, user, "hello " + tag, Map.of());
        List<MessageView> toFirst = await().atMost(DELIVERY).until(() -> inbox(first, replySubject), r -> !r.isEmpty());
        submit(first, user, "again " + tag, Map.of());
        MimeMessage fromSecond = submit(second, user, "from second " + tag, Map.of());
        MimeMessage bulkMail = submit(bulk, user, "newsletter " + tag, Map.of("Precedence", "bulk"));
        MimeMessage listMail = submit(list, user, "list mail " + tag, Map.of("List-Id", "<y.lists.example.test>"));
        // A bounce: null envelope sender, and a From naming a local account a careless responder would answer.
        String nullSenderSubject = "null sender " + tag;
        String nullSenderId = transfer("", bounced, user, nullSenderSubject, Map.of());

        List<MessageView> toSecond = await().atMost(DELIVERY).until(() -> inbox(second, replySubject), r -> !r.isEmpty());
        await().atMost(DELIVERY).until(() -> subjects(user, "INBOX", tag).size() == 6);
        // Each message is traced with what the script did: the refused ones say why no reply went out.
        assertThat(sieveTrace(bulkMail.getMessageID(), user)).contains("vacation not sent: Precedence: bulk");
        assertThat(sieveTrace(listMail.getMessageID(), user)).contains("vacation not sent: list message (list-id)");
        assertThat(sieveTrace(nullSenderId, user)).contains("vacation not sent: null sender");
        // Every message is delivered; any reply they caused would be on its way by now.
        await().during(QUIET).atMost(QUIET.plusSeconds(10)).until(() -> inbox(first, replySubject).size() == 1
                && inbox(second, replySubject).size() == 1
                && inbox(bulk, replySubject).isEmpty()
                && inbox(list, replySubject).isEmpty()
                && inbox(bounced, replySubject).isEmpty());

        assertReply(toFirst.getFirst(), user, hello);
        assertReply(toSecond.getFirst(), user, fromSecond);
    }

    /** RFC 5230 5 and RFC 3834 3: from the user, to the sender, marked automatic, threaded to the original. */
    private static void assertReply(MessageView reply, String user, MimeMessage original) throws Exception {
        assertThat(reply.from()).isEqualTo(user);
        assertThat(reply.header("Auto-Submitted")).startsWith("auto-replied");
        assertThat(reply.header("In-Reply-To")).isEqualTo(original.getMessageID());
        assertThat(reply.header("References")).contains(original.getMessageID());
        assertThat(reply.raw()).contains("I am away until Monday.");
    }

    // --- accounts and scripts ---

    private String newAccount(String role) throws Exception {
        String address = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + OURS;
        admin("POST", "/api/v1/accounts", "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\"}", 201);
        return address;
    }

    /** Uploads the script with sieve-connect and makes it the active one, as a user would. */
    private void activate(String user, String name, String script) throws Exception {
        Path local = dataDir.resolve(name + "-" + UUID.randomUUID() + ".sieve");
        Files.writeString(local, script);
        SieveConnect client = sieveConnect(user);
        SieveConnect.Run upload = client.upload(local, name);
        assertThat(upload.exit()).as(upload.output()).isZero();
        SieveConnect.Run activate = client.activate(name);
        assertThat(activate.exit()).as(activate.output()).isZero();
    }

    private SieveConnect sieveConnect(String user) {
        return new SieveConnect(stack.mailPort(listener(PlatformService.IMAP, "sieve")), user, PASSWORD);
    }

    private JsonNode admin(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort(PlatformService.MDA) + path))
                .header("Authorization", "Bearer " + stack.adminToken())
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JsonMapper.shared().createObjectNode() : JsonMapper.shared().readTree(response.body());
    }

    /** What the MDA traced its Sieve run as for this message and recipient (the admin API's trace). */
    private String sieveTrace(String messageId, String recipient) throws Exception {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode messages = admin("GET", "/api/v1/trace?messageId=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8),
                    null, 200).path("messages");
            List<String> found = new ArrayList<>();
            messages.forEach(m -> m.path("events").forEach(e -> {
                if (recipient.equalsIgnoreCase(e.path("recipient").asString()) && e.path("detail").has("sieve")) {
                    found.add(e.path("detail").path("sieve").asString());
                }
            }));
            return String.join("\n", found);
        }, s -> !s.isEmpty());
    }

    // --- sending ---

    /** Submission on the MSA's STARTTLS port with AUTH, as a mail client sends. */
    private MimeMessage submit(String from, String to, String subject, Map<String, String> headers) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mailPort(listener(PlatformService.MSA, "submission"))));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Sent to a filtered account.\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(from, PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }
        return message;
    }

    /**
     * Port 25 as another mail server uses it, with any envelope sender ({@code ""} for {@code <>});
     * returns the Message-ID.
     */
    private String transfer(String mailFrom, String from, String to, String subject, Map<String, String> headers)
            throws IOException {
        String messageId = "<" + UUID.randomUUID() + "@mail.remote.test>";
        StringBuilder message = new StringBuilder("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
                + "\r\nMessage-ID: " + messageId + "\r\n");
        headers.forEach((name, value) -> message.append(name).append(": ").append(value).append("\r\n"));
        message.append("\r\nHello through port 25.\r\n.");
        try (SmtpLineClient smtp = new SmtpLineClient(port25())) {
            smtp.expect("220");
            smtp.send("EHLO mail.remote.test", "250");
            smtp.send("MAIL FROM:<" + mailFrom + ">", "250");
            smtp.send("RCPT TO:<" + to + ">", "250");
            smtp.send("DATA", "354");
            smtp.send(message.toString(), "250");
        }
        return messageId;
    }

    // --- reading over IMAP ---

    /** A stored message as read over IMAP. */
    private record MessageView(String subject, String from, String contentType, Map<String, String> headers,
                               Flags flags, String raw) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    private List<MessageView> inbox(String account, String subject) throws Exception {
        return messages(account, "INBOX", subject);
    }

    private List<String> subjects(String account, String mailbox, String containing) throws Exception {
        return messages(account, mailbox, containing).stream().map(MessageView::subject).toList();
    }

    private Flags flags(String account, String subject) throws Exception {
        List<MessageView> found = messages(account, "INBOX", subject);
        assertThat(found).as("messages with subject " + subject).hasSize(1);
        return found.getFirst().flags();
    }

    private List<String> mailboxes(String account) throws Exception {
        Store store = imapStore(account);
        try {
            List<String> names = new ArrayList<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                names.add(f.getFullName());
            }
            return names;
        } finally {
            store.close();
        }
    }

    private List<MessageView> messages(String account, String mailbox, String subject) throws Exception {
        Store store = imapStore(account);
        try {
            Folder folder = store.getFolder(mailbox);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                List<MessageView> found = new ArrayList<>();
                for (Message m : folder.search(new SubjectTerm(subject))) {
                    Map<String, String> headers = new java.util.HashMap<>();
                    for (var e = m.getAllHeaders(); e.hasMoreElements(); ) {
                        var h = e.nextElement();
                        headers.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue());
                    }
                    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                    m.writeTo(raw);
                    String from = m.getFrom() == null ? "" : ((InternetAddress) m.getFrom()[0]).getAddress();
                    found.add(new MessageView(m.getSubject(), from, m.getContentType(), headers, m.getFlags(),
                            raw.toString(StandardCharsets.UTF_8)));
                }
                return found;
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private Store imapStore(String account) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", stack.mailPort(listener(PlatformService.IMAP, "imaps")), account, PASSWORD);
        return store;
    }

    // --- ports ---

    private int port25() {
        return stack.mailPort(listener(PlatformService.MTA, "smtp"));
    }

    private static MailListener listener(PlatformService service, String name) {
        return service.mailListeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
