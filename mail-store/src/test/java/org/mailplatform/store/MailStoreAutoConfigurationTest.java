package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.autoconfigure.MailStoreAutoConfiguration;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class MailStoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class,
                    MailStoreAutoConfiguration.class))
            // Wrapped so closing the test context does not close the shared pool.
            .withBean(DataSource.class, () -> new DelegatingDataSource(StoreTestDatabase.dataSource()));

    @Test
    void aServiceWithADataSourceGetsTheStoreAndEveryRepository() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MailStore.class)
                    .hasSingleBean(DomainRepository.class)
                    .hasSingleBean(AccountRepository.class)
                    .hasSingleBean(AliasRepository.class)
                    .hasSingleBean(RecipientResolver.class)
                    .hasSingleBean(MailboxRepository.class)
                    .hasSingleBean(MessageRepository.class)
                    .hasSingleBean(MailDelivery.class);
            String domain = "auto" + System.nanoTime() + ".test";
            context.getBean(DomainRepository.class).create(domain);
            assertThat(StoreTestDatabase.store().domains().isLocal(domain)).isTrue();
        });
    }

    @Test
    void aServicesOwnBeanWins() {
        MailStore own = MailStore.create(StoreTestDatabase.dataSource());
        runner.withBean(MailStore.class, () -> own)
                .run(context -> assertThat(context.getBean(MailStore.class)).isSameAs(own));
    }

    @Test
    void withoutADataSourceNothingIsCreated() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailStoreAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(MailStore.class));
    }
}
