package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.DomainName;
import org.mailplatform.store.account.DomainRepository;

class DomainRepositoryTest {

    private final DomainRepository domains = StoreTestDatabase.store().domains();

    @Test
    void createsFindsListsAndDeletes() {
        String name = StoreTestDatabase.newDomain();

        assertThat(domains.find(name.toUpperCase() + ".")).get().extracting("name").isEqualTo(name);
        assertThat(domains.isLocal(name)).isTrue();
        assertThat(domains.list()).extracting("name").contains(name);
        assertThat(domains.delete(name)).isTrue();
        assertThat(domains.isLocal(name)).isFalse();
        assertThat(domains.delete(name)).isFalse();
    }

    @Test
    void aDomainExistsOnceWhateverItsCase() {
        String name = StoreTestDatabase.newDomain();

        assertThatThrownBy(() -> domains.create(name.toUpperCase())).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void unicodeNamesAreKeptAsALabels() {
        String suffix = StoreTestDatabase.newDomain();
        domains.create("bücher." + suffix);

        assertThat(domains.find("xn--bcher-kva." + suffix)).isPresent();
        assertThat(domains.find("BÜCHER." + suffix)).get().extracting("name").isEqualTo("xn--bcher-kva." + suffix);
    }

    @Test
    void aDomainWithAccountsCannotBeDeleted() {
        String name = StoreTestDatabase.newDomain();
        StoreTestDatabase.newAccount(name, "alice");

        assertThatThrownBy(() -> domains.delete(name)).isInstanceOf(OperationNotAllowedException.class);
        assertThat(domains.isLocal(name)).isTrue();
    }

    @Test
    void rejectsWhatIsNotADomainName() {
        assertThat(DomainName.normalize("exa mple.test")).isEmpty();
        assertThat(DomainName.normalize("-bad.test")).isEmpty();
        assertThat(DomainName.normalize("[192.0.2.1]")).isEmpty();
        assertThat(DomainName.normalize("a..b")).isEmpty();
        assertThat(DomainName.normalize("x".repeat(64) + ".test")).isEmpty();
        assertThat(domains.find("not a domain")).isEmpty();
        assertThatThrownBy(() -> domains.create("bad_domain!")).isInstanceOf(IllegalArgumentException.class);
    }
}
