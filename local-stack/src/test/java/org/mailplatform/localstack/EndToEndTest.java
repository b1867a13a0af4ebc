package org.mailplatform.localstack;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;

import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.imap.sync.MailboxEventListener;
import org.mailplatform.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

/**
 * Whole-chain behaviour that only the running platform can show: a message submitted to the MSA
 * travels MTA → MDA → mailbox and is pushed to an IDLE client; a flag set through one IMAP
 * replica reaches an IDLE session on another; a remote 550 comes back to the sender as exactly
 * one DSN; POP3 and IMAP name a message alike; one message is one trace in a real collector.
 * One stack for the class (tracing on, exporting to a Zipkin server), a second IMAP gateway
 * beside it, and a refusing SMTP peer for the domain {@value #BOUNCE_DOMAIN}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EndToEndTest {

    private static final String BOUNCE_DOMAIN = "bounce.test";
    private static final String ALICE = DemoAccounts.ADDRESSES.get(0);
    private static final String BOB = DemoAccounts.ADDRESSES.get(1);
    private static final Duration IDLE_PUSH_LIMIT = Duration.ofSeconds(1);
    private static final Duration REPLICA_PUSH_LIMIT = Duration.ofSeconds(5);
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");

    @TempDir
    static Path dataDir;

    private static final List<String> TRACED_SERVICES = List.of("msa-service", "mta-service", "mda-service", "imap-gateway");

    private ZipkinCollector zipkin;
    private RefusingSmtpPeer peer;
    private LocalStack stack;
    private ServiceReplica secondImap;
    private String warmUpSubject;

    @BeforeAll
    void startStack() throws Exception {
        // Zipkin starts beside the stack; it is waited for before the first message.
        zipkin = ZipkinCollector.start(dataDir);
        peer = new RefusingSmtpPeer("mx." + BOUNCE_DOMAIN);
        TestDatabase db = TestDatabase.get();
        stack = new LocalStack(new LocalStackSettings(dataDir,
                Optional.of(new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password())), StackPorts.ephemeral(), false,
                Map.of("mailplatform.hostname", "mail.example.test",
                        "mailplatform.mta.relay.transports[" + BOUNCE_DOMAIN + "]", "127.0.0.1:" + peer.port(),
                        "mailplatform.tracing.enabled", "true",
                        // Spans in Zipkin's format to the Zipkin server, in place of the OTLP default.
                        "management.tracing.export.zipkin.endpoint", zipkin.spansEndpoint(),
                        "management.tracing.export.otlp.enabled", "false",
                        "management.opentelemetry.tracing.export.schedule-delay", "200ms"))).start();
        zipkin.awaitReady(Duration.ofSeconds(90));
        secondImap = stack.startReplica(PlatformService.IMAP, Map.of("mailplatform.imap.replica-id", "imap-replica-2"));
        // Each replica reads mailbox.events from the newest record once the group has placed it.
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.bean(PlatformService.IMAP, MailboxEventListener.class).isAssigned()
                && secondImap.bean(MailboxEventListener.class).isAssigned());

        // The first message through the chain pays for connections, class loading and JIT.
        warmUpSubject = "warm-up " + UUID.randomUUID();
        submit(ALICE, BOB, warmUpSubject);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> imapUids(BOB, warmUpSubject).size() == 1);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (zipkin != null) {
            zipkin.close();
        }
    }

    @Test
    void anIdleClientSeesASubmittedMessageWithinASecond() throws Exception {
        String subject = "idle push " + UUID.randomUUID();
        try (RawImapClient bob = RawImapClient.login(stack.mailPort(imaps()), BOB, password(BOB))) {
            int before = existsIn(bob.command("SELECT INBOX"));
            bob.idle();

            long accepted = submit(ALICE, BOB, subject);
            RawImapClient.Line exists = bob.next(l -> {
                Matcher m = EXISTS.matcher(l.text());
                return m.matches() && Integer.parseInt(m.group(1)) > before;
            }, Duration.ofSeconds(15));
            Duration latency = Duration.ofNanos(exists.arrivedAtNanos() - accepted);
            System.out.printf("IDLE push: %d ms from the submission's 250 to '%s'%n", latency.toMillis(), exists.text());

            bob.done();
            int number = Integer.parseInt(EXISTS.matcher(exists.text()).replaceFirst("$1"));
            assertThat(bob.command("SEARCH SUBJECT \"" + subject + "\"")).contains("* SEARCH " + number);
            assertThat(latency).isLessThan(IDLE_PUSH_LIMIT);
        }
    }

    @Test
    void aFlagSetThroughTheSecondReplicaReachesAnIdleSessionOnTheFirst() throws Exception {
        try (RawImapClient phone = RawImapClient.login(stack.mailPort(imaps()), BOB, password(BOB));
             RawImapClient laptop = RawImapClient.login(secondImap.mailPort(imaps()), BOB, password(BOB))) {
            phone.command("SELECT INBOX");
            laptop.command("SELECT INBOX");
            long uid = onlyNumber(laptop.command("UID SEARCH SUBJECT \"" + warmUpSubject + "\""), "* SEARCH ");
            String fetched = phone.command("UID FETCH " + uid + " (FLAGS)").stream()
                    .filter(l -> l.matches("\\* \\d+ FETCH .*")).findFirst().orElseThrow();
            assertThat(fetched).doesNotContain("\\Flagged");
            int number = Integer.parseInt(fetched.split(" ")[1]);
            phone.idle();

            long stored = System.nanoTime();
            laptop.command("UID STORE " + uid + " +FLAGS (\\Flagged \\Seen)");
            RawImapClient.Line pushed = phone.next(l -> l.text().startsWith("* " + number + " FETCH ")
                    && l.text().contains("\\Flagged"), REPLICA_PUSH_LIMIT.plusSeconds(10));
            Duration latency = Duration.ofNanos(pushed.arrivedAtNanos() - stored);
            System.out.printf("Flag change across replicas: %d ms to '%s'%n", latency.toMillis(), pushed.text());

            assertThat(pushed.text()).contains("\\Seen");
            assertThat(latency).isLessThan(REPLICA_PUSH_LIMIT);
            phone.done();
        }
    }

    @Test
    void aPeerAnswering550ProducesExactlyOneDsnInTheSendersInbox() throws Exception {
        String recipient = "nobody-" + UUID.randomUUID() + "@" + BOUNCE_DOMAIN;
        String subject = "to be refused " + UUID.randomUUID();
        submit(ALICE, recipient, subject);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !dsnsFor(ALICE, recipient).isEmpty());
        ReceivedDsn dsn = dsnsFor(ALICE, recipient).getFirst();

        assertThat(dsn.from()).containsIgnoringCase("MAILER-DAEMON@");
        assertThat(dsn.contentType()).containsIgnoringCase("multipart/report").containsIgnoringCase("report-type=delivery-status");
        assertThat(dsn.statusPartType()).containsIgnoringCase("message/delivery-status");
        assertThat(dsn.perMessage().getHeader("Reporting-MTA", null)).isEqualTo("dns; mail.example.test");
        assertThat(dsn.perRecipient()).hasSize(1);
        assertThat(dsn.recipientField("Final-Recipient")).isEqualToIgnoringCase("rfc822; " + recipient);
        assertThat(dsn.recipientField("Action")).isEqualTo("failed");
        assertThat(dsn.recipientField("Status")).isEqualTo("5.1.1");
        assertThat(dsn.recipientField("Diagnostic-Code"))
                .startsWith("smtp; 550").contains(RefusingSmtpPeer.REPLY_TEXT);
        assertThat(dsn.recipientField("Remote-MTA")).contains("127.0.0.1");

        // A permanent failure is not tried again, and no second notice follows (RFC 3464 2, RFC 5321 4.5.4.1).
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(500))
                .until(() -> dsnsFor(ALICE, recipient).size() == 1);
        assertThat(Collections.frequency(peer.refusedRecipients(), recipient)).isEqualTo(1);
    }

    @Test
    void theTraceShowsALocalMessageAcceptedThenDeliveredAndARefusedOneAcceptedThenBounced() throws Exception {
        String subject = "traced " + UUID.randomUUID();
        String refused = "nobody-" + UUID.randomUUID() + "@" + BOUNCE_DOMAIN;
        Submitted submitted = submitTo(ALICE, List.of(BOB, refused), subject);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> imapUids(BOB, subject).size() == 1);
        String uid = imapUids(BOB, subject).getFirst().replaceFirst(".*\\.", "");

        // The trace is written asynchronously: wait until each recipient's last step is there.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> kindsFor(trace("messageId=" + encode(submitted.messageId())), refused).contains("bounced")
                        && kindsFor(trace("messageId=" + encode(submitted.messageId())), BOB).contains("delivered"));
        JsonNode messages = trace("messageId=" + encode(submitted.messageId()));

        assertThat(messages).hasSize(1);
        JsonNode message = messages.get(0);
        assertThat(message.path("queueId").asString()).isEqualTo(submitted.queueId());
        assertThat(kindsFor(messages, BOB)).containsExactly("accepted", "delivered");
        assertThat(kindsFor(messages, refused)).containsExactly("accepted", "bounced");

        JsonNode accepted = eventFor(message, BOB, "accepted");
        assertThat(accepted.path("service").asString()).isEqualTo("msa");
        assertThat(accepted.path("detail").path("port").asInt())
                .isEqualTo(stack.mailPort(PlatformService.MSA.mailListeners().getFirst()));
        assertThat(accepted.path("detail").path("from").asString()).isEqualTo(ALICE);
        assertThat(accepted.path("detail").path("client").asString()).isEqualTo("127.0.0.1");
        assertThat(accepted.path("detail").path("user").asString()).isEqualTo(ALICE);
        assertThat(accepted.path("detail").path("tls").asString()).startsWith("TLSv1.");

        JsonNode delivered = eventFor(message, BOB, "delivered").path("detail");
        assertThat(delivered.path("mailbox").asString()).isEqualTo("INBOX");
        assertThat(delivered.path("uid").asString()).isEqualTo(uid);

        JsonNode bounced = eventFor(message, refused, "bounced");
        assertThat(bounced.path("service").asString()).isEqualTo("mta");
        assertThat(bounced.path("detail").path("status").asString()).isEqualTo("5.1.1");
        assertThat(bounced.path("detail").path("reply").asString()).contains(RefusingSmtpPeer.REPLY_TEXT);
        assertThat(bounced.path("detail").path("host").asString()).contains("127.0.0.1");
        String dsnQueueId = bounced.path("detail").path("dsn").asString();
        assertThat(dsnQueueId).isNotBlank();

        // The DSN is a message of its own, delivered to the sender, and traced under its queue id.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> kindsFor(trace("queueId=" + encode(dsnQueueId)), ALICE).contains("delivered"));
        assertThat(trace("recipient=" + encode(refused)).get(0).path("queueId").asString())
                .isEqualTo(submitted.queueId());
    }

    /** The alerts' series that only exist once the services run and did some work (helm/mail-platform/files/alerts.yml). */
    @Test
    void theSeriesTheAlertsUseAreExposed() throws Exception {
        String mda = scrape(PlatformService.MDA);
        String msa = scrape(PlatformService.MSA);

        // The lag alert: the MDA's Kafka consumer, bound by Micrometer's Kafka client metrics.
        assertThat(mda).containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag_max\\{");
        // The authentication failure alert counts outcomes of this counter; the warm-up logged in.
        assertThat(msa).containsPattern("(?m)^mailplatform_auth_attempts_total\\{.*outcome=\"success\"");
        // The dead-letter alert watches publishes by topic.
        assertThat(msa).containsPattern("(?m)^mail_kafka_publish_seconds_count\\{.*topic=\"mail.outbound\"");
    }

    private String scrape(PlatformService service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort(service)
                + "/actuator/prometheus")).timeout(Duration.ofSeconds(60)).GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            return reply.body();
        }
    }

    @Test
    void pop3NamesAMessageAsImapDoes() throws Exception {
        String subject = "one identity " + UUID.randomUUID();
        submit(ALICE, BOB, subject);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> imapUids(BOB, subject).size() == 1);
        String imapIdentity = imapUids(BOB, subject).getFirst();

        Properties props = new Properties();
        props.put("mail.pop3s.ssl.trust", "*");
        props.put("mail.pop3s.timeout", "10000");
        Store pop3 = Session.getInstance(props).getStore("pop3s");
        pop3.connect("127.0.0.1", stack.mailPort(PlatformService.POP3.mailListeners().get(1)), BOB, password(BOB));
        try {
            POP3Folder inbox = (POP3Folder) pop3.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> uidls = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        uidls.add(inbox.getUID(m));
                    }
                }
                assertThat(uidls).containsExactly(imapIdentity);
            } finally {
                inbox.close(false);
            }
        } finally {
            pop3.close();
        }
    }

    @Test
    void theSwaksCommandsOfTheBannerDeliverToBob() throws Exception {
        assumePresent(new File("/usr/bin/swaks").canExecute(), "swaks is not installed (.ci/run installs it)");
        List<List<String>> commands = StartupBanner.render(stack).lines().map(String::strip)
                .map(l -> l.replaceFirst("^(send|or):\\s+", "")).filter(l -> l.startsWith("swaks "))
                .map(EndToEndTest::words).toList();
        assertThat(commands).hasSize(2);
        for (List<String> command : commands) {
            String subject = "swaks " + UUID.randomUUID();
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--header", "Subject: " + subject, "--timeout", "20"));
            Process swaks = new ProcessBuilder(args).redirectErrorStream(true).start();
            String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(swaks.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(swaks.exitValue()).as(transcript).isZero();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> imapUids(BOB, subject).size() == 1);
        }
    }

    /** A banner command line split into arguments; single quotes only protect a password. */
    private static List<String> words(String commandLine) {
        return Arrays.stream(commandLine.split(" +")).map(w -> w.replaceAll("^'|'$", "")).toList();
    }

    @Test
    void oneMessageIsOneTraceFromSubmissionToTheIdlePush() throws Exception {
        String subject = "traced " + UUID.randomUUID();
        MimeMessage sent;
        try (RawImapClient bob = RawImapClient.login(stack.mailPort(imaps()), BOB, password(BOB))) {
            int before = existsIn(bob.command("SELECT INBOX"));
            bob.idle();
            sent = submitted(ALICE, BOB, subject);
            bob.next(l -> {
                Matcher m = EXISTS.matcher(l.text());
                return m.matches() && Integer.parseInt(m.group(1)) > before;
            }, Duration.ofSeconds(15));
            bob.done();
        }
        String messageId = sent.getMessageID();

        // Spans leave each service in batches: wait until every step's span reached the collector.
        List<JsonNode> trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    List<List<JsonNode>> traces = zipkin.tracesTagged("mail.message_id", messageId);
                    return traces.size() == 1 ? traces.getFirst() : List.<JsonNode>of();
                }, t -> spanNames(t).containsAll(List.of("smtp.receive", "mta.route", "mda.store", "imap.push"))
                        && t.stream().map(EndToEndTest::service).toList().containsAll(TRACED_SERVICES));

        assertThat(trace.stream().map(s -> s.get("traceId").asString()).distinct()).hasSize(1);
        JsonNode receipt = span(trace, "smtp.receive");
        assertThat(service(receipt)).isEqualTo("msa-service");
        assertThat(receipt.has("parentId")).as("the submission starts the trace").isFalse();
        String queueId = receipt.get("tags").get("mail.queue_id").asString();
        assertThat(queueId).isNotBlank();
        for (String name : List.of("smtp.receive", "mta.route", "mda.store", "imap.push")) {
            assertThat(span(trace, name).get("tags").get("mail.queue_id").asString()).as(name).isEqualTo(queueId);
        }
        for (String name : List.of("smtp.receive", "mta.route", "mda.store")) {
            assertThat(span(trace, name).get("tags").get("mail.message_id").asString()).as(name).isEqualTo(messageId);
        }
        // Each step is the child of the one that handed it the record.
        assertThat(span(trace, "mta.route").get("parentId").asString()).isEqualTo(receipt.get("id").asString());
        assertThat(span(trace, "mda.store").get("parentId").asString()).isEqualTo(span(trace, "mta.route").get("id").asString());
        String store = span(trace, "mda.store").get("id").asString();
        List<JsonNode> pushes = trace.stream().filter(s -> s.get("name").asString().equals("imap.push")).toList();
        assertThat(pushes).allSatisfy(p -> assertThat(p.get("parentId").asString()).isEqualTo(store));
        // Bob's IDLE session was woken by one of the two replicas.
        assertThat(pushes).anySatisfy(p -> assertThat(p.get("tags").get("imap.sessions_woken").asString()).isEqualTo("1"));
    }

    private static List<String> spanNames(List<JsonNode> trace) {
        return trace.stream().map(s -> s.get("name").asString()).toList();
    }

    private static String service(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString();
    }

    private static JsonNode span(List<JsonNode> trace, String name) {
        return trace.stream().filter(s -> s.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spanNames(trace)));
    }

    /** Submits over STARTTLS with AUTH, as a mail client does; returns {@link System#nanoTime()} right after the 250. */
    private long submit(String from, String to, String subject) throws Exception {
        submitted(from, to, subject);
        return System.nanoTime();
    }

    /** Submits like {@link #submit} and returns the message as sent (its Message-ID included). */
    private MimeMessage submitted(String from, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mailPort(PlatformService.MSA.mailListeners().getFirst())));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Sent through the whole platform.\r\n");
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(from, password(from));
            transport.sendMessage(message, message.getAllRecipients());
            return message;
        }
    }

    private record Submitted(String queueId, String messageId) {
    }

    /** Submits one message to several recipients; returns the queue id of the MSA's 250 and the Message-ID. */
    private Submitted submitTo(String from, List<String> to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mailPort(PlatformService.MSA.mailListeners().getFirst())));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(subject);
        message.setText("Traced through the whole platform.\r\n");
        message.saveChanges();
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(from, password(from));
            transport.sendMessage(message, message.getAllRecipients());
            Matcher queued = Pattern.compile("queued as (\\S+)").matcher(transport.getLastServerResponse());
            assertThat(queued.find()).as(transport.getLastServerResponse()).isTrue();
            return new Submitted(queued.group(1), message.getMessageID());
        }
    }

    /** The admin API's trace for this query string, as JSON messages. */
    private JsonNode trace(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort(PlatformService.MDA)
                        + "/api/v1/trace?" + query))
                .header("Authorization", "Bearer " + stack.adminToken()).timeout(Duration.ofSeconds(30)).GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            return JsonMapper.shared().readTree(reply.body()).path("messages");
        }
    }

    /** The kinds of the events about this recipient, over all messages, in order. */
    private static List<String> kindsFor(JsonNode messages, String recipient) {
        List<String> kinds = new ArrayList<>();
        messages.forEach(m -> m.path("events").forEach(e -> {
            if (recipient.equalsIgnoreCase(e.path("recipient").asString())) {
                kinds.add(e.path("kind").asString());
            }
        }));
        return kinds;
    }

    private static JsonNode eventFor(JsonNode message, String recipient, String kind) {
        for (JsonNode e : message.path("events")) {
            if (recipient.equalsIgnoreCase(e.path("recipient").asString()) && kind.equals(e.path("kind").asString())) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " event for " + recipient + " in " + message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code <UIDVALIDITY>.<UID>} of each message in the account's INBOX with this subject. */
    private List<String> imapUids(String account, String subject) throws Exception {
        return withInbox(account, inbox -> {
            List<String> ids = new ArrayList<>();
            for (Message m : inbox.search(new SubjectTerm(subject))) {
                ids.add(((UIDFolder) inbox).getUIDValidity() + "." + ((UIDFolder) inbox).getUID(m));
            }
            return ids;
        });
    }

    private List<ReceivedDsn> dsnsFor(String account, String failedRecipient) throws Exception {
        return withInbox(account, inbox -> {
            List<ReceivedDsn> found = new ArrayList<>();
            for (Message m : inbox.search(new FromStringTerm("MAILER-DAEMON"))) {
                // Only reports are DSNs (RFC 3464 over RFC 6522): other tests of the shared stack put plain
                // bounces from a MAILER-DAEMON of their own into the same inbox.
                if (!m.isMimeType("multipart/report")) {
                    continue;
                }
                ReceivedDsn dsn = ReceivedDsn.of(m);
                if (dsn.reportsOn(failedRecipient)) {
                    found.add(dsn);
                }
            }
            return found;
        });
    }

    private interface InboxQuery<T> {
        T run(Folder inbox) throws Exception;
    }

    private <T> T withInbox(String account, InboxQuery<T> query) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", stack.mailPort(imaps()), account, password(account));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return query.run(inbox);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private String password(String account) {
        return stack.demoCredentials().passwords().get(account);
    }

    private static MailListener imaps() {
        return PlatformService.IMAP.mailListeners().stream()
                .filter(l -> l.tls() == MailListener.Tls.IMPLICIT).findFirst().orElseThrow();
    }

    private static int existsIn(List<String> reply) {
        return reply.stream().map(EXISTS::matcher).filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst()
                .orElseThrow(() -> new AssertionError("no EXISTS in " + reply));
    }

    private static long onlyNumber(List<String> reply, String prefix) {
        String line = reply.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + reply));
        String[] numbers = line.substring(prefix.length()).trim().split(" ");
        assertThat(numbers).as(line).hasSize(1);
        return Long.parseLong(numbers[0]);
    }
}
