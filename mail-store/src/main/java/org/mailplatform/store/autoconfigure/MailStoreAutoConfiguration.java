package org.mailplatform.store.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.mailplatform.records.publish.DeadLetterListener;
import org.mailplatform.sieve.SieveLimits;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.auth.AuthFailureRepository;
import org.mailplatform.store.auth.LoginSecretRepository;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.dkim.DkimKeyRepository;
import org.mailplatform.store.sieve.InterpreterSieveValidator;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.mailplatform.store.sieve.SieveScripts;
import org.mailplatform.store.sieve.SieveValidator;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.KeywordLimits;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.rate.RollingCounters;
import org.mailplatform.store.trace.BatchingMessageEventWriter;
import org.mailplatform.store.trace.DeadLetterEvents;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.store.trace.MessageEventPurge;
import org.mailplatform.store.trace.MessageEventRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.util.unit.DataSize;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Gives a service that depends on mail-store the {@link MailStore} and its repositories, built on
 * the application's {@link DataSource}. It does not migrate the schema: that is
 * {@link org.mailplatform.store.migration.MigrateDatabase}'s job, run once per deploy.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnSingleCandidate(DataSource.class)
public class MailStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MailStore mailStore(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactions, Environment environment) {
        PlatformTransactionManager manager = transactions.getIfUnique();
        KeywordLimits defaults = KeywordLimits.defaults();
        KeywordLimits keywords = new KeywordLimits(
                environment.getProperty("mailplatform.store.max-keywords-per-mailbox", Integer.class, defaults.maxPerMailbox()),
                environment.getProperty("mailplatform.store.max-keyword-length", Integer.class, defaults.maxLength()));
        // Only a manager of this very DataSource makes store calls join the caller's transaction.
        if (!(manager instanceof DataSourceTransactionManager jdbcManager && jdbcManager.getDataSource() == dataSource)) {
            manager = new JdbcTransactionManager(dataSource);
        }
        return MailStore.create(dataSource, manager, keywords);
    }

    @Bean
    @ConditionalOnMissingBean
    DomainRepository domainRepository(MailStore store) {
        return store.domains();
    }

    @Bean
    @ConditionalOnMissingBean
    AccountRepository accountRepository(MailStore store) {
        return store.accounts();
    }

    @Bean
    @ConditionalOnMissingBean
    AliasRepository aliasRepository(MailStore store) {
        return store.aliases();
    }

    @Bean
    @ConditionalOnMissingBean
    RecipientResolver recipientResolver(MailStore store) {
        return store.recipients();
    }

    @Bean
    @ConditionalOnMissingBean
    MailboxRepository mailboxRepository(MailStore store) {
        return store.mailboxes();
    }

    @Bean
    @ConditionalOnMissingBean
    MessageRepository messageRepository(MailStore store) {
        return store.messages();
    }

    @Bean
    @ConditionalOnMissingBean
    RollingCounters rollingCounters(MailStore store) {
        return store.rollingCounters();
    }

    @Bean
    @ConditionalOnMissingBean
    MailDelivery mailDelivery(MailStore store) {
        return store.delivery();
    }

    @Bean
    @ConditionalOnMissingBean
    AuthFailureRepository authFailureRepository(MailStore store) {
        return store.authFailures();
    }

    @Bean
    @ConditionalOnMissingBean
    SieveScriptRepository sieveScriptRepository(MailStore store) {
        return store.sieveScripts();
    }

    /**
     * The script rules ManageSieve and the admin API share: {@code mailplatform.sieve.max-script-size}
     * (256KB, the most the interpreter parses) and {@code mailplatform.sieve.max-scripts} (20). Scripts
     * are checked by the application's {@link SieveValidator} bean, or by the interpreter's parser.
     */
    @Bean
    @ConditionalOnMissingBean
    SieveScripts sieveScripts(SieveScriptRepository repository, ObjectProvider<SieveValidator> validator,
                              Environment environment) {
        return new SieveScripts(repository, validator.getIfAvailable(InterpreterSieveValidator::new),
                environment.getProperty("mailplatform.sieve.max-script-size", DataSize.class,
                        DataSize.ofBytes(SieveLimits.DEFAULTS.maxScriptChars())).toBytes(),
                environment.getProperty("mailplatform.sieve.max-scripts", Integer.class, 20));
    }

    @Bean
    @ConditionalOnMissingBean
    LoginSecretRepository loginSecretRepository(DataSource dataSource) {
        return new LoginSecretRepository(JdbcClient.create(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    DkimKeyRepository dkimKeyRepository(DataSource dataSource) {
        return new DkimKeyRepository(JdbcClient.create(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    MessageEventRepository messageEventRepository(DataSource dataSource) {
        return new MessageEventRepository(JdbcClient.create(dataSource));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(MessageEventLog.class)
    BatchingMessageEventWriter messageEventWriter(MessageEventRepository repository, Environment environment) {
        return new BatchingMessageEventWriter(repository,
                environment.getProperty("mailplatform.trace.queue-capacity", Integer.class, 10_000), 500);
    }

    /**
     * Seven days by default: longer than the MTA tries a message (5 days) plus the time an operator
     * typically needs to be asked about it, while the table stays a small multiple of a week's mail.
     */
    @Bean
    @ConditionalOnMissingBean
    MessageEventPurge messageEventPurge(MessageEventRepository repository, Environment environment) {
        return new MessageEventPurge(repository,
                environment.getProperty("mailplatform.trace.retention", Duration.class, Duration.ofDays(7)),
                environment.getProperty("mailplatform.trace.purge-interval", Duration.class, Duration.ofHours(1)),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetterListener deadLetterEvents(MessageEventLog events) {
        return new DeadLetterEvents(events, Clock.systemUTC());
    }
}
