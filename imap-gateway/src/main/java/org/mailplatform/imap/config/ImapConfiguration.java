package org.mailplatform.imap.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.imap.command.CommandDispatcher;
import org.mailplatform.imap.command.CommandTable;
import org.mailplatform.imap.connection.ImapSessionFactory;
import org.mailplatform.imap.metrics.ImapMetrics;
import org.mailplatform.imap.protocol.ImapParserLimits;
import org.mailplatform.imap.session.AccountConnections;
import org.mailplatform.imap.session.ImapServices;
import org.mailplatform.imap.session.ImapSettings;
import org.mailplatform.store.message.MessageIndexer;
import org.mailplatform.imap.store.MessageStructures;
import org.mailplatform.imap.sync.MailboxChanges;
import org.mailplatform.imap.sync.MailboxEventListener;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.imap.sync.SessionRegistry;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.message.MessageParser;
import org.mailplatform.protocolservice.KernelProperties;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** Wires the gateway: listeners → sessions → commands → store, and mailbox events in and out. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImapProperties.class)
class ImapConfiguration {

    @Bean
    ImapSettings imapSettings(ImapProperties p, @Value("${mailplatform.local-dev:false}") boolean localDev) {
        int appendLimit = Math.toIntExact(p.maxAppendSize().toBytes());
        int lineLength = Math.toIntExact(p.maxLineLength().toBytes());
        ImapParserLimits limits = ImapParserLimits.defaults()
                .withMaxLineLength(lineLength)
                .withMaxLiteralSize(Math.toIntExact(p.maxLiteralSize().toBytes()))
                .withMaxAppendLiteralSize(appendLimit)
                .withMaxCommandSize(Math.max(appendLimit + 1024L * 1024, lineLength))
                .withMaxDiscardSize(appendLimit);
        // Before login a client can only send credentials: small literals, and a large refused one closes the connection.
        ImapParserLimits preAuth = limits
                .withMaxLiteralSize(8 * 1024)
                .withMaxAppendLiteralSize(8 * 1024)
                .withMaxCommandSize(Math.max(128 * 1024, lineLength))
                .withMaxDiscardSize(64 * 1024);
        return new ImapSettings(p.allowPlaintextAuth() || localDev, limits, preAuth, p.idleTimeout(),
                p.preAuthIdleTimeout(), replicaId(p));
    }

    private static String replicaId(ImapProperties p) {
        if (p.replicaId() != null && !p.replicaId().isBlank()) {
            return p.replicaId();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "imap";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    SessionRegistry imapSessionRegistry() {
        return new SessionRegistry();
    }

    @Bean(destroyMethod = "close")
    MailboxChanges imapMailboxChanges(SessionRegistry registry, ObjectProvider<MailboxEventPublisher> publisher,
                                      ImapSettings settings) {
        return new MailboxChanges(registry, publisher.getIfAvailable(), settings.replicaId());
    }

    @Bean
    @ConditionalOnProperty(prefix = "mailplatform.imap", name = "events", havingValue = "true", matchIfMissing = true)
    MailboxEventListener imapMailboxEventListener(MailConsumerSettings consumerSettings, SessionRegistry registry,
                                                  ImapSettings settings, MailTracing tracing,
                                                  ObjectProvider<MeterRegistry> meters) {
        return new MailboxEventListener(consumerSettings, registry, settings.replicaId(), tracing,
                meters.getIfUnique());
    }

    @Bean
    MessageParser imapMessageParser() {
        return new MessageParser();
    }

    @Bean
    ImapMetrics imapMetrics(ObjectProvider<MeterRegistry> registry) {
        return new ImapMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), CommandTable.standard().names());
    }

    @Bean
    ImapServices imapServices(ImapSettings settings, Authenticator authenticator, SaslAuthenticator sasl,
                              AccountRepository accounts, MailboxRepository mailboxes, MessageRepository messages,
                              MessageParser parser, MailboxChanges changes, SessionRegistry registry,
                              ImapMetrics metrics, ImapProperties p) {
        return new ImapServices(settings, authenticator, sasl, accounts, mailboxes, messages,
                new MessageStructures(parser), new MessageIndexer(parser), changes, registry, metrics, Clock.systemUTC(),
                new AccountConnections(p.maxConnectionsPerUserAndAddress()));
    }

    /** Primary: the gateway also runs ManageSieve's server (see the managesieve package). */
    @Bean
    @Primary
    MailProtocolServer imapServer(ImapServices services, ImapProperties p, KernelProperties kernel, ServerTls tls,
                                  ObjectProvider<MeterRegistry> registry, Environment environment) {
        ImapSessionFactory sessions = new ImapSessionFactory(services, new CommandDispatcher(CommandTable.standard()));
        List<ListenerSpec> imap = ImapProperties.LISTENERS.specs(environment, p.bindAddress()).stream()
                .filter(listener -> !listener.name().equals(ImapProperties.MANAGESIEVE_LISTENER))
                .toList();
        return new MailProtocolServer("imap", sessions, imap, kernel.toSettings(), tls, registry.getIfAvailable());
    }
}
