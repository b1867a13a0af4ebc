package org.mailplatform.store.account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an envelope recipient into accounts to deliver to and remote addresses to forward to.
 *
 * <p>For an address in a local domain, the first rule that matches wins:
 * <ol>
 *   <li>an account with that address (any case);</li>
 *   <li>aliases of that address, each target resolved again;</li>
 *   <li>RFC 5233 sub-address {@code user+tag}: rules 1 and 2 for {@code user};</li>
 *   <li>the domain's catch-all aliases.</li>
 * </ol>
 * Alias targets in local domains are resolved with the same rules, up to {@value #MAX_DEPTH}
 * levels and never visiting an address twice, so alias loops end. A local target that matches
 * nothing is dropped; targets in other domains are forwards.
 */
public final class RecipientResolver {

    static final int MAX_DEPTH = 8;

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;

    public RecipientResolver(DomainRepository domains, AccountRepository accounts, AliasRepository aliases) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
    }

    public Resolution resolve(String recipient) {
        Optional<EmailAddress> parsed = EmailAddress.parse(recipient);
        if (parsed.isEmpty()) {
            return new Resolution.InvalidAddress(recipient);
        }
        EmailAddress address = parsed.get();
        if (!domains.isLocal(address.domain())) {
            return new Resolution.NotLocalDomain(address.domain());
        }
        Expansion expansion = new Expansion();
        // The domain was just looked up: asking again is a second query on every RCPT.
        expansion.localDomains.put(address.domain(), true);
        expansion.expand(address, 0);
        if (expansion.accounts.isEmpty() && expansion.forwards.isEmpty()) {
            return new Resolution.UnknownRecipient(address);
        }
        return new Resolution.Deliver(List.copyOf(expansion.accounts.values()), expansion.forwards);
    }

    /**
     * Whether {@code account} may use {@code address} as its envelope sender on submission (the
     * design's "MAIL FROM that the account owns"): its own address, a sub-address of it, or an
     * alias whose targets include it. Catch-alls do not count: they would let one account send as
     * every unknown name of the domain.
     */
    public boolean mayUseAsSender(Account account, String address) {
        Optional<EmailAddress> parsed = EmailAddress.parse(address);
        if (parsed.isEmpty()) {
            return false;
        }
        String own = account.address().key();
        EmailAddress base = parsed.get().withoutSubaddress().orElse(parsed.get());
        for (EmailAddress candidate : List.of(parsed.get(), base)) {
            if (candidate.key().equals(own)) {
                return true;
            }
            if (aliases.targets(candidate).stream().anyMatch(t -> t.key().equals(own))) {
                return true;
            }
        }
        return false;
    }

    private final class Expansion {
        private final Map<Long, Account> accounts = new LinkedHashMap<>();
        private final List<EmailAddress> forwards = new ArrayList<>();
        private final Set<String> visited = new HashSet<>();
        private final Map<String, Boolean> localDomains = new LinkedHashMap<>();

        void expand(EmailAddress address, int depth) {
            if (depth > MAX_DEPTH || !visited.add(address.key())) {
                return;
            }
            if (!isLocal(address.domain())) {
                forwards.add(address);
                return;
            }
            if (matchExact(address, depth)) {
                return;
            }
            Optional<EmailAddress> base = address.withoutSubaddress();
            if (base.isPresent() && matchExact(base.get(), depth)) {
                return;
            }
            for (EmailAddress target : aliases.catchAllTargets(address.domain())) {
                expand(target, depth + 1);
            }
        }

        private boolean matchExact(EmailAddress address, int depth) {
            Optional<Account> account = RecipientResolver.this.accounts.findByAddress(address);
            if (account.isPresent()) {
                accounts.putIfAbsent(account.get().id(), account.get());
                return true;
            }
            List<EmailAddress> targets = aliases.targets(address);
            for (EmailAddress target : targets) {
                expand(target, depth + 1);
            }
            return !targets.isEmpty();
        }

        private boolean isLocal(String domain) {
            return localDomains.computeIfAbsent(domain, domains::isLocal);
        }
    }
}
