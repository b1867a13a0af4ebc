package org.mailplatform.msa;

import org.mailplatform.auth.AccountManager;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;

/** The accounts every submission test uses; created once per database. */
final class SubmissionTestAccounts {

    static final String ALICE = "alice@example.test";
    static final String ALICE_PASSWORD = "correct horse battery";
    static final String MALLORY = "mallory@example.test";
    static final String MALLORY_PASSWORD = "another long password";
    /** Used only by the test of the recipients-per-hour limit, so no other test spends from its budget. */
    static final String CAROL = "carol@example.test";
    static final String CAROL_PASSWORD = "carols own long password";

    private SubmissionTestAccounts() {
    }

    static synchronized void ensure(DomainRepository domains, AccountRepository accounts, AliasRepository aliases,
                                    AccountManager manager) {
        if (domains.find("example.test").isEmpty()) {
            domains.create("example.test");
        }
        if (accounts.findByAddress(ALICE).isEmpty()) {
            manager.createAccount(ALICE, ALICE_PASSWORD, 0);
            aliases.add("sales@example.test", ALICE);
        }
        if (accounts.findByAddress(MALLORY).isEmpty()) {
            manager.createAccount(MALLORY, MALLORY_PASSWORD, 0);
        }
        if (accounts.findByAddress(CAROL).isEmpty()) {
            manager.createAccount(CAROL, CAROL_PASSWORD, 0);
        }
    }
}
