package org.mailplatform.store.account;

import java.util.List;

/** Where mail for one envelope recipient goes. */
public sealed interface Resolution {

    /**
     * The address is ours: deliver to each account (once each) and forward to each remote address.
     * At least one of the lists is non-empty.
     */
    record Deliver(List<Account> accounts, List<EmailAddress> forwards) implements Resolution {
        public Deliver {
            accounts = List.copyOf(accounts);
            forwards = List.copyOf(forwards);
        }
    }

    /** The domain is not local: relay it (submission) or refuse it (port 25, RFC 5321 3.6.2). */
    record NotLocalDomain(String domain) implements Resolution {
    }

    /** The domain is local but nothing matches: RFC 5321 / RFC 3463 550 5.1.1. */
    record UnknownRecipient(EmailAddress address) implements Resolution {
    }

    /** Not an address this store can hold: 501 / 553 5.1.3. */
    record InvalidAddress(String text) implements Resolution {
    }
}
