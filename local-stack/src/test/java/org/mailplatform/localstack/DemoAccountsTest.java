package org.mailplatform.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.account.Account;
import org.mailplatform.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAccountsTest {

    private static DataSource dataSource;
    private final PasswordHasher hasher = new PasswordHasher(19_456, 2, 1);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void migrate() {
        TestDatabase db = TestDatabase.get();
        dataSource = new DatabaseEndpoint(db.jdbcUrl(), db.username(), db.password()).dataSource();
        SchemaMigration.run(dataSource);
    }

    @Test
    void createsTheDomainAndAccountsWhosePasswordsAreThePrintedOnes() {
        DemoAccounts.Credentials credentials = DemoAccounts.ensure(dataSource, dataDir);

        MailStore store = MailStore.create(dataSource);
        assertThat(store.domains().isLocal(DemoAccounts.DOMAIN)).isTrue();
        assertThat(credentials.passwords()).containsOnlyKeys(DemoAccounts.ADDRESSES);
        credentials.passwords().forEach((address, password) -> {
            Account account = store.accounts().findByAddress(address).orElseThrow();
            assertThat(hasher.verify(password, account.passwordHash())).as(address).isTrue();
        });
    }

    @Test
    void aRestartKeepsThePasswordsAndChangesNothing() {
        DemoAccounts.Credentials first = DemoAccounts.ensure(dataSource, dataDir);
        // Other test classes share the database and add accounts of their own to the demo domain.
        List<String> before = addresses();
        DemoAccounts.Credentials second = DemoAccounts.ensure(dataSource, dataDir);

        assertThat(second).isEqualTo(first);
        assertThat(addresses()).isEqualTo(before).containsAll(DemoAccounts.ADDRESSES);
    }

    private List<String> addresses() {
        return MailStore.create(dataSource).accounts().list(DemoAccounts.DOMAIN).stream().map(account -> account.address().toString()).toList();
    }

    @Test
    void withoutItsPasswordsFileTheStackSetsNewPasswordsOnTheExistingAccounts() throws Exception {
        DemoAccounts.Credentials first = DemoAccounts.ensure(dataSource, dataDir);
        Files.delete(dataDir.resolve(DemoAccounts.PASSWORDS_FILE));

        DemoAccounts.Credentials second = DemoAccounts.ensure(dataSource, dataDir);

        String alice = DemoAccounts.ADDRESSES.getFirst();
        assertThat(second.passwords().get(alice)).isNotEqualTo(first.passwords().get(alice));
        Account account = MailStore.create(dataSource).accounts().findByAddress(alice).orElseThrow();
        assertThat(hasher.verify(second.passwords().get(alice), account.passwordHash())).isTrue();
        assertThat(hasher.verify(first.passwords().get(alice), account.passwordHash())).isFalse();
    }

    @Test
    void passwordsAreRandomAndEasyToType() {
        String password = DemoAccounts.randomPassword();

        assertThat(password).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}").doesNotContain("0", "1", "l", "o");
        assertThat(DemoAccounts.randomPassword()).isNotEqualTo(password);
    }
}
