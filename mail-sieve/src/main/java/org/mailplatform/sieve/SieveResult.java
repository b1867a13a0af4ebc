package org.mailplatform.sieve;

import java.util.List;
import java.util.Optional;

/**
 * The actions of one run. When the run failed ({@code error} present) the actions are only the
 * implicit keep: RFC 5228 2.10.6 keeps the message whenever a script cannot finish.
 */
public record SieveResult(List<SieveAction> actions, Optional<String> error) {

    public SieveResult {
        actions = List.copyOf(actions);
    }

    static SieveResult failed(String error) {
        return new SieveResult(List.of(new SieveAction.Keep(List.of(), true)), Optional.of(error));
    }
}
