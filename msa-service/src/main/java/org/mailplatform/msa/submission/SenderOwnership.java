package org.mailplatform.msa.submission;

import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.RecipientResolver;

/**
 * Which envelope senders an authenticated account may use (RFC 6409 6.1: the MSA checks that the
 * submitter is authorized to use the sender address): its own address, its own {@code +tag}
 * sub-addresses, and aliases that deliver to it. A catch-all does not make every address of a domain
 * the account's.
 */
public final class SenderOwnership {

    private final AccountRepository accounts;
    private final RecipientResolver resolver;

    public SenderOwnership(AccountRepository accounts, RecipientResolver resolver) {
        this.accounts = accounts;
        this.resolver = resolver;
    }

    public boolean owns(String account, String sender) {
        return accounts.findByAddress(account)
                .map(a -> resolver.mayUseAsSender(a, sender))
                .orElse(false);
    }
}
