package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.records.Recipient;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.springframework.beans.factory.annotation.Autowired;

/** Both settings of mailplatform.delivery.disabled-accounts, on the real store's resolution. */
@DeliveryTest
class DisabledAccountRoutingTest {

    @Autowired
    RecipientResolver resolver;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountManager accountManager;
    @Autowired
    AliasRepository aliases;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MessageRepository messages;
    @Autowired
    DataSource dataSource;

    private MailFixture mail;
    private Account off;
    private Account on;

    @BeforeEach
    void accounts() {
        mail = new MailFixture(domains, accountManager, aliases, mailboxes, messages, dataSource);
        off = mail.account("off");
        on = mail.account("on");
        accountManager.setDisabled(off.address().toString(), true);
        mail.alias("both", off.address().toString());
        mail.alias("both", on.address().toString());
    }

    @Test
    void acceptDeliversToADisabledAccountAsBefore() {
        Routing routing = new RecipientRouter(resolver, DisabledAccounts.ACCEPT)
                .route(List.of(Recipient.of(mail.address("off")), Recipient.of(mail.address("both"))));

        assertThat(routing.failures()).isEmpty();
        assertThat(routing.targets()).extracting(t -> t.account().id()).containsExactly(off.id(), on.id());
    }

    @Test
    void refuseFailsTheDisabledMailboxAsDisabledAndSparesAnAliasThatReachesOthers() {
        Routing routing = new RecipientRouter(resolver, DisabledAccounts.REFUSE)
                .route(List.of(Recipient.of(mail.address("off")), Recipient.of(mail.address("both"))));

        assertThat(routing.failures()).extracting(f -> f.recipient().address(), Routing.Failure::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(mail.address("off"), FailureReason.MAILBOX_DISABLED));
        assertThat(FailureReason.MAILBOX_DISABLED.status()).isEqualTo("5.2.1");
        // The alias still reaches the enabled account, and only it.
        assertThat(routing.targets()).extracting(t -> t.account().id()).containsExactly(on.id());
    }
}
