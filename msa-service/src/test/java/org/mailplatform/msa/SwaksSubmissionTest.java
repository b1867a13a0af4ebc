package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE_PASSWORD;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Debian's swaks submits the way the README tells users to: {@code --tls --auth PLAIN} on the
 * STARTTLS port and {@code --tls-on-connect} on the implicit-TLS port. .ci/run installs swaks.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submission.tls=STARTTLS",
        "mailplatform.msa.listeners.submissions.port=0",
        "mailplatform.msa.listeners.submissions.tls=IMPLICIT",
        "mailplatform.msa.max-recipients=3",
        "mailplatform.msa.max-message-size=200KB",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class SwaksSubmissionTest {

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

    static TopicReader<MailRecord> outbound;

    @BeforeAll
    static void reader() {
        outbound = new TopicReader<>(MailTopics.OUTBOUND, new MailRecordDeserializer());
    }

    @AfterAll
    static void close() {
        outbound.close();
    }

    @BeforeEach
    void setUp() {
        assumePresent(new File("/usr/bin/swaks").canExecute(), "swaks is not installed (.ci/run installs it)");
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
    }

    private String swaks(String... tlsArgs) throws Exception {
        String subject = "swaks " + UUID.randomUUID();
        List<String> cmd = new ArrayList<>(List.of("swaks", "--from", ALICE, "--to", "bob@remote.test",
                "--auth", "PLAIN", "--auth-user", ALICE, "--auth-password", ALICE_PASSWORD,
                "--header", "Subject: " + subject, "--body", "sent by swaks", "--timeout", "20"));
        cmd.addAll(List.of(tlsArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String transcript = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(transcript).isZero();
        assertThat(transcript).contains("<~  235 2.7.0").contains("<~  250 2.0.0 Ok: queued as");
        return subject;
    }

    @Test
    void swaksWithStartTlsAndAuthPlain() throws Exception {
        String subject = swaks("--server", "127.0.0.1", "--port", String.valueOf(server.boundPort("submission")), "--tls");
        MailRecord r = outbound.await(x -> new String(x.message(), StandardCharsets.UTF_8).contains(subject));
        assertThat(r.envelope().authenticatedUser()).isEqualTo(ALICE);
        assertThat(r.envelope().tls()).isNotNull();
    }

    @Test
    void swaksWithImplicitTls() throws Exception {
        String subject = swaks("--server", "127.0.0.1", "--port", String.valueOf(server.boundPort("submissions")),
                "--tls-on-connect");
        MailRecord r = outbound.await(x -> new String(x.message(), StandardCharsets.UTF_8).contains(subject));
        assertThat(r.envelope().recipients()).extracting(x -> x.address()).containsExactly("bob@remote.test");
    }
}
