package org.mailplatform.store.sieve;

import java.util.List;
import java.util.Optional;

import org.mailplatform.sieve.SieveLimits;

/**
 * Checks a script with the parser the MDA runs it with (mail-sieve), under the same limits, so a
 * script that was stored is one that can run: RFC 5804 2.6 lets PUTSCRIPT refuse what the server
 * would not execute, and that is the only honest answer.
 */
public final class InterpreterSieveValidator implements SieveValidator {

    private final SieveLimits limits;

    public InterpreterSieveValidator() {
        this(SieveLimits.DEFAULTS);
    }

    public InterpreterSieveValidator(SieveLimits limits) {
        this.limits = limits;
    }

    @Override
    public Optional<String> problems(String script) {
        return org.mailplatform.sieve.SieveScripts.validate(script, limits);
    }

    @Override
    public List<String> extensions() {
        return org.mailplatform.sieve.SieveScripts.EXTENSIONS;
    }
}
