package org.mailplatform.pop3;

import java.util.Properties;

import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.pop3.server.Pop3SessionFactory;
import org.mailplatform.pop3.session.Pop3Metrics;
import org.mailplatform.pop3.session.Pop3Services;
import org.mailplatform.pop3.session.Pop3Settings;
import org.mailplatform.pop3.store.MaildropLocks;
import org.mailplatform.pop3.store.MaildropStore;
import org.mailplatform.protocolservice.KernelProperties;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Wires the gateway: POP3 listeners → sessions → the INBOX in PostgreSQL, removals announced on {@code mailbox.events}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Pop3Properties.class)
class Pop3Configuration {

    @Bean
    Pop3Settings pop3Settings(Pop3Properties p, @Value("${mailplatform.hostname:localhost}") String hostname,
                              @Value("${mailplatform.local-dev:false}") boolean localDev) {
        return new Pop3Settings(hostname, p.allowPlaintextAuth() || localDev, p.idleTimeout(), p.maxLineLength(),
                p.maxAuthFailures(), p.maxCommandsBeforeLogin());
    }

    @Bean
    Pop3Metrics pop3Metrics(ObjectProvider<MeterRegistry> registry) {
        return new Pop3Metrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Lock connections are opened with the application's database settings, outside its pool, and
     * a few kept for the next logins once unlocked (see {@link MaildropLocks}).
     */
    @Bean
    MaildropLocks maildropLocks(DataSourceProperties database, Pop3Properties p, Pop3Metrics metrics) {
        DriverManagerDataSource connections = new DriverManagerDataSource(database.determineUrl(),
                database.determineUsername(), database.determinePassword());
        Properties options = new Properties();
        options.setProperty("ApplicationName", "pop3-gateway maildrop lock");
        // A replica that vanishes must not keep maildrops locked: keepalives let both ends notice.
        options.setProperty("tcpKeepAlive", "true");
        options.setProperty("connectTimeout", "10");
        connections.setConnectionProperties(options);
        MaildropLocks locks = new MaildropLocks(connections, p.maxLockedMaildrops(),
                Math.min(p.idleLockConnections(), p.maxLockedMaildrops()));
        metrics.lockedMaildrops(locks::held);
        return locks;
    }

    @Bean
    MaildropStore maildropStore(MessageRepository messages,
                                PlatformTransactionManager transactions, MailboxEventPublisher events, Pop3Properties p) {
        return new MaildropStore(messages, new TransactionTemplate(transactions), events, replicaId(p));
    }

    @Bean
    Pop3Services pop3Services(Authenticator authenticator, SaslAuthenticator sasl, MaildropStore store,
                              MaildropLocks locks, Pop3Metrics metrics) {
        return new Pop3Services(authenticator, sasl, store, locks, metrics);
    }

    @Bean
    MailProtocolServer pop3Server(Pop3Settings settings, Pop3Services services, Pop3Properties p,
                                  KernelProperties kernel, ServerTls tls, ObjectProvider<MeterRegistry> registry,
                                  Environment environment) {
        return new MailProtocolServer("pop3", new Pop3SessionFactory(settings, services),
                Pop3Properties.LISTENERS.specs(environment, p.bindAddress()), kernel.toSettings(), tls,
                registry.getIfAvailable());
    }

    // Not the bare host name: on one host (the local stack) an IMAP replica may use it, and would
    // then skip these events as its own echo.
    private static String replicaId(Pop3Properties p) {
        if (p.replicaId() != null && !p.replicaId().isBlank()) {
            return p.replicaId();
        }
        String host = System.getenv("HOSTNAME");
        return "pop3-gateway@" + (host == null || host.isBlank() ? "localhost" : host);
    }
}
