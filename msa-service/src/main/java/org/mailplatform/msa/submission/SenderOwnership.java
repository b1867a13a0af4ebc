package org.mailplatform.msa.submission;

import java.util.Optional;

import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.EmailAddress;
import org.mailplatform.store.account.RecipientResolver;

/**
 * Which envelope senders an authenticated account may use (RFC 6409 6.1: the MSA checks that the
 * submitter is authorized to use the sender address): its own address, its own {@code +tag}
 * sub-addresses, and aliases that deliver to it. A catch-all does not make every address of a domain
 * the account's.
 *
 * <p>The account's own address and its sub-addresses are decided from the name AUTH established
 * (the account's address as stored, see the SASL exchange), without asking the store: that is the
 * sender of nearly every submission, checked at every MAIL, and a lookup would only fetch the same
 * account again. Any other sender (an alias) is looked up.
 */
public final class SenderOwnership {

    private final AccountRepository accounts;
    private final RecipientResolver resolver;

    public SenderOwnership(AccountRepository accounts, RecipientResolver resolver) {
        this.accounts = accounts;
        this.resolver = resolver;
    }

    /**
     * @param account the authenticated account's address
     * @param sender  the MAIL FROM address
     */
    public boolean owns(String account, String sender) {
        if (ownAddress(account, sender)) {
            return true;
        }
        return accounts.findByAddress(account)
                .map(a -> resolver.mayUseAsSender(a, sender))
                .orElse(false);
    }

    /** The account's address itself, or it with a {@code +tag} (RFC 5233), compared as the store compares addresses. */
    static boolean ownAddress(String account, String sender) {
        Optional<EmailAddress> own = EmailAddress.parse(account);
        Optional<EmailAddress> from = EmailAddress.parse(sender);
        if (own.isEmpty() || from.isEmpty()) {
            return false;
        }
        String key = own.get().key();
        return from.get().key().equals(key)
                || from.get().withoutSubaddress().map(base -> base.key().equals(key)).orElse(false);
    }
}
