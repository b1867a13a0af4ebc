package org.mailplatform.mta.outbound;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.LoginThrottle;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.auth.PasswordPolicy;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.testsupport.Dnsmasq;
import org.mailplatform.mta.testing.CountingProxy;
import org.mailplatform.mta.testing.TestPeer;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishReceipt;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.smtp.SmtpSettings;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.migration.MigrateDatabase;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TestDatabase;
import org.mailplatform.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One MTA context shared by the outbound service tests (a second context would consume the same
 * topics in the same groups). Its peers are real SMTP servers on loopback, started before it:
 * <ul>
 * <li>{@code peer.test} (transport table): the scripted port 25 peer of {@link TestPeer}, STARTTLS;</li>
 * <li>{@code mx.test}, {@code nullmx.test}: MX lookups against dnsmasq; the live MX is the same peer;</li>
 * <li>every other remote domain: the smart host, which demands TLS and AUTH PLAIN;</li>
 * <li>{@code local.test}: a local domain, delivered through {@code mail.delivery};</li>
 * <li>{@code limited.test} (one session), {@code unlimited.test}, {@code rated.test} (two messages per
 *     6 s), {@code held.test} (one session): transports to counting relays on 127.0.0.11-14 (a next
 *     hop is a destination of its own) in front of an smtp-sink; a destination waits at most 2 s for
 *     its limits before its messages are deferred.</li>
 * </ul>
 * Retry delays are seconds, the lifetime one hour, delay warnings after 30 minutes.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mta.local.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.inbound.listeners.smtp.tls=STARTTLS",
        "mailplatform.mta.outbound.enabled=true",
        "mailplatform.mta.outbound.retry-delays=1s,1s,1s,2s,2s,2s",
        "mailplatform.mta.outbound.max-lifetime=1h",
        "mailplatform.mta.outbound.delay-warning-after=30m",
        "mailplatform.mta.outbound.max-poll-records=10",
        "mailplatform.mta.relay.timeouts.connect=5s",
        "mailplatform.mta.relay.timeouts.greeting=10s",
        "mailplatform.mta.relay.timeouts.command=10s",
        "mailplatform.mta.relay.timeouts.data-init=10s",
        "mailplatform.mta.relay.timeouts.data-block=10s",
        "mailplatform.mta.relay.timeouts.data-end=10s",
        "mailplatform.mta.relay.dns-timeout=2s",
        // dnsmasq serves the MX tests unsigned and without the root zone: DANE has its own tests.
        "mailplatform.mta.outbound.dane.enabled=false",
        "mailplatform.mta.relay.smart-host-tls=require",
        "mailplatform.mta.relay.transports[mx.test]=mx",
        "mailplatform.mta.relay.transports[nullmx.test]=mx",
        "mailplatform.mta.outbound.destinations.max-wait=2s",
        "mailplatform.mta.outbound.destinations.overrides[127.0.0.11].max-connections=1",
        "mailplatform.mta.outbound.destinations.overrides[127.0.0.13].max-messages=2",
        "mailplatform.mta.outbound.destinations.overrides[127.0.0.13].message-interval=6s",
        "mailplatform.mta.outbound.destinations.overrides[127.0.0.14].max-connections=1",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
abstract class OutboundServiceTestBase {

    static final String LOCAL_DOMAIN = "local.test";
    static final String SMART_HOST_USER = "relay@relay.test";
    static final String SMART_HOST_PASSWORD = "correct horse battery staple";

    static final TestPeer PEER = TestPeer.transfer("peer.test");
    static final TestPeer SMART_HOST = TestPeer.start("smarthost.test", TlsMode.STARTTLS,
            SmtpSettings.submission("smarthost.test"), smartHostAccounts());
    static final Dnsmasq DNS = startDns();
    // Relays to the smtp-sink of the destination limit tests, which points them at it when it runs.
    static final CountingProxy LIMITED = CountingProxy.start("127.0.0.11");
    static final CountingProxy UNLIMITED = CountingProxy.start("127.0.0.12");
    static final CountingProxy RATED = CountingProxy.start("127.0.0.13");
    static final CountingProxy HELD = CountingProxy.start("127.0.0.14");

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    DomainRepository domains;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("mailplatform.mta.relay.transports[peer.test]", () -> "127.0.0.1:" + PEER.port());
        registry.add("mailplatform.mta.relay.remote-port", PEER::port);
        registry.add("mailplatform.mta.relay.transports[limited.test]", LIMITED::hostAndPort);
        registry.add("mailplatform.mta.relay.transports[unlimited.test]", UNLIMITED::hostAndPort);
        registry.add("mailplatform.mta.relay.transports[rated.test]", RATED::hostAndPort);
        registry.add("mailplatform.mta.relay.transports[held.test]", HELD::hostAndPort);
        registry.add("mailplatform.mta.relay.smart-host", () -> "127.0.0.1:" + SMART_HOST.port());
        registry.add("mailplatform.mta.relay.smart-host-username", () -> SMART_HOST_USER);
        registry.add("mailplatform.mta.relay.smart-host-password", () -> SMART_HOST_PASSWORD);
        // Without dnsmasq the MX tests are skipped; the resolver then points at the discard port.
        registry.add("mailplatform.mta.relay.dns-servers", () -> DNS == null ? "127.0.0.1:9" : DNS.address());
    }

    @BeforeEach
    void localDomain() {
        if (!domains.isLocal(LOCAL_DOMAIN)) {
            domains.create(LOCAL_DOMAIN);
        }
    }

    /** The smart host's account lives in the test database, checked by the platform's real authenticator. */
    private static SaslAuthenticator smartHostAccounts() {
        TestDatabase db = TestDatabase.get();
        MigrateDatabase.migrate(db.jdbcUrl(), db.username(), db.password());
        MailStore store = MailStore.create(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC());
        if (!store.domains().isLocal("relay.test")) {
            store.domains().create("relay.test");
            new AccountManager(store.accounts(), hasher, new PasswordPolicy(8), throttle)
                    .createAccount(SMART_HOST_USER, SMART_HOST_PASSWORD, 0);
        }
        return new SaslAuthenticator(new Authenticator(store.accounts(), hasher, throttle, AuthMetrics.none()),
                AuthMetrics.none());
    }

    private static Dnsmasq startDns() {
        if (!Dnsmasq.available()) {
            return null;
        }
        try {
            return Dnsmasq.start(List.of(
                    "--mx-host=mx.test,dead.mx.test,10",
                    "--mx-host=mx.test,live.mx.test,20",
                    // Nothing listens on 127.0.0.2: the preferred exchanger refuses the connection.
                    "--host-record=dead.mx.test,127.0.0.2",
                    "--host-record=live.mx.test,127.0.0.1",
                    "--mx-host=nullmx.test,.,0"));
        } catch (Exception e) {
            throw new IllegalStateException("dnsmasq is installed but did not start", e);
        }
    }

    static String unique(String localPart, String domain) {
        return localPart + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    static MailEnvelope.Builder envelope(String from, Recipient... recipients) {
        String queueId = QueueIds.next();
        return MailEnvelope.builder()
                .queueId(queueId)
                .traceId(queueId)
                .mailFrom(from)
                .recipients(List.of(recipients))
                .receivedAt(Instant.now());
    }

    PublishReceipt submit(MailEnvelope envelope, String message) throws Exception {
        return publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope,
                message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Waits until {@code group} has committed past the record: everything it led to is on Kafka by then. */
    static void awaitConsumed(String group, PublishReceipt receipt) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(receipt.topic(), receipt.partition());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata committed = offsets.get(partition);
                return committed != null && committed.offset() > receipt.offset();
            });
        }
    }

    static MailRecord mail(ConsumerRecord<byte[], byte[]> record) {
        return MailRecordCodec.decode(record.value());
    }
}
