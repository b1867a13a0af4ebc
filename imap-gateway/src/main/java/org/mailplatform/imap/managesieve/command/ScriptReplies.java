package org.mailplatform.imap.managesieve.command;

import java.util.Optional;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.store.sieve.SieveScriptRejected;
import org.mailplatform.store.sieve.SieveScripts;

/** Script names as arguments and the refusals of the script commands, in one place (RFC 5804 1.3, 1.6). */
final class ScriptReplies {

    private ScriptReplies() {
    }

    /** Argument {@code index} as a script name, refused with NO when RFC 5804 1.6 does not allow it. */
    static String name(SieveCommandLine line, int index) throws SieveError {
        String name = line.string(index);
        Optional<String> problem = SieveScripts.nameProblem(name);
        if (problem.isPresent()) {
            throw SieveError.no(problem.get());
        }
        return name;
    }

    static SieveError rejected(SieveScriptRejected rejected) {
        return switch (rejected.reason()) {
            case INVALID_NAME, INVALID_SCRIPT -> SieveError.no(rejected.getMessage());
            case TOO_LARGE -> SieveError.no("QUOTA/MAXSIZE", rejected.getMessage());
            case TOO_MANY -> SieveError.no("QUOTA/MAXSCRIPTS", rejected.getMessage());
        };
    }

    /** RFC 5804 1.3 NONEXISTENT. */
    static SieveError nonexistent(String name) {
        return SieveError.no("NONEXISTENT", "There is no script named " + name);
    }
}
