package org.mailplatform.imap.managesieve;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.imap.config.ImapProperties;
import org.mailplatform.imap.managesieve.server.ManageSieveSessionFactory;
import org.mailplatform.imap.managesieve.session.ManageSieveServices;
import org.mailplatform.imap.managesieve.session.ManageSieveSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.protocolservice.KernelProperties;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.sieve.SieveScripts;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * ManageSieve (RFC 5804) beside IMAP, as its own kernel server on the {@code sieve} listener: the same
 * certificate, kernel limits, SASL and database as IMAP, so it scales with the IMAP replicas. The
 * scripts and their rules come from mail-store's {@link SieveScripts}, whose validator is the
 * application's {@code SieveValidator} bean when there is one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ManageSieveProperties.class)
class ManageSieveConfiguration {

    @Bean
    ManageSieveSettings manageSieveSettings(ManageSieveProperties p,
                                            @Value("${mailplatform.local-dev:false}") boolean localDev,
                                            // The limit the MDA's interpreter applies (RFC 5804 1.7 MAXREDIRECTS).
                                            @Value("${mailplatform.sieve.max-redirects:4}") int maxRedirects) {
        return new ManageSieveSettings(ManageSieveSettings.defaults().implementation(),
                p.allowPlaintextAuth() || localDev, p.idleTimeout(), p.preAuthIdleTimeout(),
                Math.toIntExact(p.maxLineLength().toBytes()), Math.toIntExact(p.maxPreAuthLiteral().toBytes()),
                p.maxAuthFailures(), p.maxCommandsBeforeLogin(), p.maxBadCommands(), maxRedirects);
    }

    /** Named: the gateway's other {@link MailProtocolServer} is IMAP's, the primary one. */
    @Bean
    MailProtocolServer manageSieveServer(ManageSieveSettings settings, SaslAuthenticator sasl, SieveScripts scripts,
                                         ImapProperties imap, KernelProperties kernel, ServerTls tls,
                                         ObjectProvider<MeterRegistry> registry, Environment environment) {
        List<ListenerSpec> listeners = ImapProperties.LISTENERS.specs(environment, imap.bindAddress()).stream()
                .filter(listener -> listener.name().equals(ImapProperties.MANAGESIEVE_LISTENER))
                .toList();
        return new MailProtocolServer("managesieve",
                new ManageSieveSessionFactory(settings, new ManageSieveServices(sasl, scripts)),
                listeners, kernel.toSettings(), tls, registry.getIfAvailable());
    }
}
