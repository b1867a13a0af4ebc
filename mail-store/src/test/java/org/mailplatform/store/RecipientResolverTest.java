package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.Alias;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.Resolution;

class RecipientResolverTest {

    private final AliasRepository aliases = StoreTestDatabase.store().aliases();
    private final RecipientResolver resolver = StoreTestDatabase.store().recipients();
    private String domain;
    private Account alice;
    private Account bob;

    @BeforeEach
    void accounts() {
        domain = StoreTestDatabase.newDomain();
        alice = StoreTestDatabase.newAccount(domain, "alice");
        bob = StoreTestDatabase.newAccount(domain, "bob");
    }

    @Test
    void anAccountAddressResolvesToItsAccountInAnyCase() {
        assertThat(accounts(resolver.resolve("ALICE@" + domain.toUpperCase()))).containsExactly(alice.id());
        assertThat(accounts(resolver.resolve("<alice@" + domain + ">"))).containsExactly(alice.id());
    }

    @Test
    void anAliasResolvesToAllItsTargetsOnceEach() {
        aliases.add("team@" + domain, "alice@" + domain);
        aliases.add("team@" + domain, "bob@" + domain);
        aliases.add("helpers@" + domain, "Alice@" + domain.toUpperCase() + ".");
        aliases.add("team@" + domain, "helpers@" + domain);
        aliases.add("team@" + domain, "partner@remote.example");

        Resolution r = resolver.resolve("Team@" + domain);

        assertThat(accounts(r)).containsExactly(alice.id(), bob.id());
        assertThat(((Resolution.Deliver) r).forwards()).containsExactly(EmailAddress.of("partner@remote.example"));
    }

    @Test
    void aliasesOfAliasesResolveAndLoopsEnd() {
        aliases.add("a@" + domain, "b@" + domain);
        aliases.add("b@" + domain, "a@" + domain);
        aliases.add("b@" + domain, "bob@" + domain);

        assertThat(accounts(resolver.resolve("a@" + domain))).containsExactly(bob.id());
    }

    @Test
    void subAddressesGoToTheBaseAccountOrAlias() {
        aliases.add("sales@" + domain, "bob@" + domain);

        assertThat(accounts(resolver.resolve("alice+newsletters@" + domain))).containsExactly(alice.id());
        assertThat(accounts(resolver.resolve("sales+2024@" + domain))).containsExactly(bob.id());
        assertThat(resolver.resolve("+tag@" + domain)).isInstanceOf(Resolution.UnknownRecipient.class);
    }

    @Test
    void theCatchAllTakesOnlyWhatNothingElseMatches() {
        aliases.add("@" + domain, "bob@" + domain);

        assertThat(accounts(resolver.resolve("anything@" + domain))).containsExactly(bob.id());
        assertThat(accounts(resolver.resolve("alice@" + domain))).containsExactly(alice.id());
        assertThat(accounts(resolver.resolve("alice+x@" + domain))).containsExactly(alice.id());
    }

    @Test
    void unknownAddressesOtherDomainsAndGarbageAreToldApart() {
        assertThat(resolver.resolve("nobody@" + domain)).isInstanceOf(Resolution.UnknownRecipient.class);
        assertThat(resolver.resolve("someone@elsewhere.example"))
                .isEqualTo(new Resolution.NotLocalDomain("elsewhere.example"));
        assertThat(resolver.resolve("no-at-sign")).isInstanceOf(Resolution.InvalidAddress.class);
        assertThat(resolver.resolve("a b@" + domain)).isInstanceOf(Resolution.InvalidAddress.class);
        assertThat(resolver.resolve("x".repeat(65) + "@" + domain)).isInstanceOf(Resolution.InvalidAddress.class);
    }

    @Test
    void anAliasToAMissingLocalAddressResolvesToNothing() {
        aliases.add("ghost@" + domain, "gone@" + domain);

        assertThat(resolver.resolve("ghost@" + domain)).isInstanceOf(Resolution.UnknownRecipient.class);
    }

    @Test
    void anAccountMaySendAsItselfItsSubAddressesAndItsAliasesButNotTheCatchAll() {
        aliases.add("support@" + domain, "alice@" + domain);
        aliases.add("@" + domain, "alice@" + domain);

        assertThat(resolver.mayUseAsSender(alice, "Alice@" + domain.toUpperCase())).isTrue();
        assertThat(resolver.mayUseAsSender(alice, "alice+lists@" + domain)).isTrue();
        assertThat(resolver.mayUseAsSender(alice, "support@" + domain)).isTrue();
        assertThat(resolver.mayUseAsSender(alice, "support+x@" + domain)).isTrue();
        assertThat(resolver.mayUseAsSender(alice, "bob@" + domain)).isFalse();
        assertThat(resolver.mayUseAsSender(alice, "random@" + domain)).isFalse();
        assertThat(resolver.mayUseAsSender(bob, "support@" + domain)).isFalse();
        assertThat(resolver.mayUseAsSender(alice, "")).isFalse();
    }

    @Test
    void aliasesAreListedAddedOnceAndRemoved() {
        Alias added = aliases.add("info@" + domain, "alice@" + domain);
        aliases.add("@" + domain, "bob@" + domain);

        assertThatThrownBy(() -> aliases.add("INFO@" + domain, "ALICE@" + domain)).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> aliases.add("x@not-local.example", "alice@" + domain)).isInstanceOf(NotFoundException.class);
        List<Alias> listed = aliases.list(domain);
        assertThat(listed).extracting(Alias::source).containsExactly("@" + domain, "info@" + domain);
        assertThat(listed.get(0).isCatchAll()).isTrue();
        assertThat(added.target()).isEqualTo(new EmailAddress("alice", domain));

        assertThat(aliases.remove("info@" + domain, "alice@" + domain)).isTrue();
        assertThat(aliases.remove("@" + domain, "bob@" + domain)).isTrue();
        assertThat(aliases.remove("@" + domain, "bob@" + domain)).isFalse();
        assertThat(aliases.list(domain)).isEmpty();
    }

    private static List<Long> accounts(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Deliver.class);
        return ((Resolution.Deliver) resolution).accounts().stream().map(Account::id).toList();
    }
}
