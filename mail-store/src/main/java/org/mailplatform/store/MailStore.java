package org.mailplatform.store;

import javax.sql.DataSource;

import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.StorageUsage;
import org.mailplatform.store.auth.AuthFailureRepository;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.mailbox.UidAllocator;
import org.mailplatform.store.message.BodyStore;
import org.mailplatform.store.message.KeywordLimits;
import org.mailplatform.store.message.MessageEntries;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.rate.RollingCounters;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mail store on one PostgreSQL database (schema from {@code db/migration}, applied by
 * {@link org.mailplatform.store.migration.MigrateDatabase}): every repository wired to the same
 * {@link DataSource} and transaction manager. Spring Boot services get it and its repositories as
 * beans; other code calls {@link #create(DataSource)}.
 */
public final class MailStore {

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final RecipientResolver recipients;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final MailDelivery delivery;
    private final AuthFailureRepository authFailures;
    private final RollingCounters rollingCounters;
    private final SieveScriptRepository sieveScripts;

    private MailStore(DataSource dataSource, PlatformTransactionManager transactions, KeywordLimits keywordLimits) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        StorageUsage usage = new StorageUsage(jdbc);
        UidAllocator allocator = new UidAllocator(jdbc);
        BodyStore bodies = new BodyStore(jdbc);
        MessageEntries entries = new MessageEntries(jdbc);
        this.messages = new MessageRepository(jdbc, tx, allocator, usage, bodies, entries, keywordLimits);
        this.mailboxes = new MailboxRepository(jdbc, tx, allocator, usage, entries, bodies, messages);
        this.domains = new DomainRepository(jdbc);
        this.accounts = new AccountRepository(jdbc, tx, mailboxes, bodies);
        this.aliases = new AliasRepository(jdbc);
        this.recipients = new RecipientResolver(domains, accounts, aliases);
        this.delivery = new MailDelivery(jdbc, tx, accounts, mailboxes, usage, allocator, bodies, entries);
        this.authFailures = new AuthFailureRepository(jdbc);
        this.rollingCounters = new RollingCounters(jdbc, tx);
        this.sieveScripts = new SieveScriptRepository(jdbc, tx);
    }

    /** A store with its own JDBC transaction manager on {@code dataSource}. */
    public static MailStore create(DataSource dataSource) {
        return new MailStore(dataSource, new JdbcTransactionManager(dataSource), KeywordLimits.defaults());
    }

    /**
     * A store using the given transaction manager, which must manage {@code dataSource}
     * (so store calls join a caller's surrounding transaction).
     */
    public static MailStore create(DataSource dataSource, PlatformTransactionManager transactions) {
        return new MailStore(dataSource, transactions, KeywordLimits.defaults());
    }

    /** As {@link #create(DataSource, PlatformTransactionManager)}, with other bounds on keywords. */
    public static MailStore create(DataSource dataSource, PlatformTransactionManager transactions, KeywordLimits keywordLimits) {
        return new MailStore(dataSource, transactions, keywordLimits);
    }

    public DomainRepository domains() {
        return domains;
    }

    public AccountRepository accounts() {
        return accounts;
    }

    public AliasRepository aliases() {
        return aliases;
    }

    public RecipientResolver recipients() {
        return recipients;
    }

    public MailboxRepository mailboxes() {
        return mailboxes;
    }

    public MessageRepository messages() {
        return messages;
    }

    public MailDelivery delivery() {
        return delivery;
    }

    public RollingCounters rollingCounters() {
        return rollingCounters;
    }

    public SieveScriptRepository sieveScripts() {
        return sieveScripts;
    }

    public AuthFailureRepository authFailures() {
        return authFailures;
    }
}
