package org.mailplatform.mda.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.mailplatform.records.Recipient;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.account.Resolution;

/**
 * Resolves the pending recipients of an envelope with the store's rules (account, alias,
 * RFC 5233 {@code user+tag}, catch-all) and merges the answers: an account reached by several
 * recipients gets one copy, a remote address reached by several aliases one forward. With
 * {@link DisabledAccounts#REFUSE}, a disabled account gets no copy, and a recipient that reaches
 * nothing else fails as a disabled mailbox.
 */
public final class RecipientRouter {

    private final Function<String, Resolution> resolver;
    private final DisabledAccounts disabledAccounts;

    public RecipientRouter(RecipientResolver resolver, DisabledAccounts disabledAccounts) {
        this(resolver::resolve, disabledAccounts);
    }

    private RecipientRouter(Function<String, Resolution> resolver, DisabledAccounts disabledAccounts) {
        this.resolver = resolver;
        this.disabledAccounts = disabledAccounts;
    }

    /**
     * A router that resolves each address once, for the records of one batch: they are routed
     * within moments of each other, so a change in between could not be ordered against them anyway.
     */
    public RecipientRouter resolvingOnce() {
        Map<String, Resolution> seen = new HashMap<>();
        return new RecipientRouter(address -> seen.computeIfAbsent(address, resolver), disabledAccounts);
    }

    public Routing route(List<Recipient> recipients) {
        Map<Long, Account> accounts = new LinkedHashMap<>();
        Map<Long, List<Recipient>> reachedBy = new LinkedHashMap<>();
        Map<String, Routing.Forward> forwards = new LinkedHashMap<>();
        List<Routing.Failure> failures = new ArrayList<>();
        for (Recipient recipient : recipients) {
            switch (resolver.apply(recipient.address())) {
                case Resolution.Deliver deliver when disabledAccounts.refuses(deliver) ->
                        failures.add(new Routing.Failure(recipient, FailureReason.MAILBOX_DISABLED));
                case Resolution.Deliver(List<Account> found, List<EmailAddress> remote) -> {
                    for (Account account : found) {
                        if (disabledAccounts.refuses(account)) {
                            continue;
                        }
                        accounts.putIfAbsent(account.id(), account);
                        reachedBy.computeIfAbsent(account.id(), id -> new ArrayList<>()).add(recipient);
                    }
                    for (EmailAddress address : remote) {
                        forwards.putIfAbsent(address.key(), new Routing.Forward(address, recipient));
                    }
                }
                case Resolution.UnknownRecipient unknown ->
                        failures.add(new Routing.Failure(recipient, FailureReason.UNKNOWN_RECIPIENT));
                case Resolution.NotLocalDomain notLocal ->
                        failures.add(new Routing.Failure(recipient, FailureReason.DOMAIN_NOT_LOCAL));
                case Resolution.InvalidAddress invalid ->
                        failures.add(new Routing.Failure(recipient, FailureReason.INVALID_ADDRESS));
            }
        }
        List<Routing.Target> targets = accounts.values().stream()
                .map(a -> new Routing.Target(a, reachedBy.get(a.id())))
                .toList();
        return new Routing(targets, List.copyOf(forwards.values()), failures);
    }
}
