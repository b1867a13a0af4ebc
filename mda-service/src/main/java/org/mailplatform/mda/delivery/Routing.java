package org.mailplatform.mda.delivery;

import java.util.List;

import org.mailplatform.records.Recipient;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.EmailAddress;

/**
 * Where the pending recipients of one envelope go.
 *
 * @param targets  local accounts, each once, with the envelope recipients that reached it
 * @param forwards remote addresses (alias targets outside our domains), each once
 * @param failures recipients that reach nobody
 */
public record Routing(List<Target> targets, List<Forward> forwards, List<Failure> failures) {

    public Routing {
        targets = List.copyOf(targets);
        forwards = List.copyOf(forwards);
        failures = List.copyOf(failures);
    }

    /** One account and the envelope recipients (direct, alias, sub-address, catch-all) that lead to it. */
    public record Target(Account account, List<Recipient> recipients) {
        public Target {
            recipients = List.copyOf(recipients);
        }
    }

    /** A remote address and the envelope recipient whose alias led to it. */
    public record Forward(EmailAddress address, Recipient via) {
    }

    public record Failure(Recipient recipient, FailureReason reason) {
    }
}
