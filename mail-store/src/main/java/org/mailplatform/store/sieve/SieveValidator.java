package org.mailplatform.store.sieve;

import java.util.List;
import java.util.Optional;

/**
 * Checks a Sieve script (RFC 5228) before it is stored or tested: the seam where the Sieve
 * interpreter plugs in. ManageSieve PUTSCRIPT and CHECKSCRIPT (RFC 5804 2.6, 2.12) and the admin
 * API ask it; services use a {@code SieveValidator} bean when one exists and
 * {@link InterpreterSieveValidator} otherwise.
 */
public interface SieveValidator {

    /** What is wrong with the script, as text a user can act on; empty when it may be stored. */
    Optional<String> problems(String script);

    /** The Sieve extensions the interpreter implements: the ManageSieve SIEVE capability (RFC 5804 1.7). */
    List<String> extensions();
}
