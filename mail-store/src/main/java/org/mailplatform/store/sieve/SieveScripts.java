package org.mailplatform.store.sieve;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.mailplatform.store.sieve.SieveScriptRejected.Reason;

/**
 * The rules every way of storing a user's Sieve script shares (ManageSieve and the admin API): the
 * name (RFC 5804 1.6), the size and count limits (RFC 5804 1.3 QUOTA), the validator; then the
 * {@link SieveScriptRepository}, which counts the scripts again under the account's lock as it
 * stores one, so concurrent uploads never pass the count limit.
 *
 * @param maxScriptSize largest script in UTF-8 octets
 * @param maxScripts    scripts per account
 */
public record SieveScripts(SieveScriptRepository repository, SieveValidator validator, long maxScriptSize,
                           int maxScripts) {

    /** The name column's limit (V10), in characters. */
    public static final int MAX_NAME_LENGTH = 128;

    public SieveScripts {
        if (maxScriptSize < 1 || maxScripts < 1) {
            throw new IllegalArgumentException("Sieve script limits must be positive");
        }
    }

    /** What is wrong with a script name (RFC 5804 1.6), or empty when it is acceptable. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("A script name must not be empty");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return Optional.of("A script name has at most " + MAX_NAME_LENGTH + " characters");
        }
        // RFC 5804 1.6: no control characters (0000-001F, 007F-009F), no line or paragraph separators.
        boolean bad = name.codePoints().anyMatch(c -> c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c == 0x2028
                || c == 0x2029 || Character.getType(c) == Character.SURROGATE);
        return bad ? Optional.of("A script name must not contain control characters") : Optional.empty();
    }

    /**
     * RFC 5804 2.5 HAVESPACE: whether a script of {@code size} octets could be stored under {@code name}
     * now; empty when it could.
     */
    public Optional<SieveScriptRejected> checkSpace(long accountId, String name, long size) {
        Optional<String> nameProblem = nameProblem(name);
        if (nameProblem.isPresent()) {
            return Optional.of(new SieveScriptRejected(Reason.INVALID_NAME, nameProblem.get()));
        }
        if (size > maxScriptSize) {
            return Optional.of(new SieveScriptRejected(Reason.TOO_LARGE,
                    "Script exceeds the size limit of " + maxScriptSize + " octets"));
        }
        if (repository.find(accountId, name).isEmpty() && repository.list(accountId).size() >= maxScripts) {
            return Optional.of(new SieveScriptRejected(Reason.TOO_MANY,
                    "Too many scripts: at most " + maxScripts + " per account"));
        }
        return Optional.empty();
    }

    /**
     * Validates and stores a script, replacing one of the same name (RFC 5804 2.6).
     *
     * @throws SieveScriptRejected when the name, size, count or content is refused; nothing is stored
     */
    public SieveScript put(long accountId, String name, String content) {
        Optional<SieveScriptRejected> noSpace = checkSpace(accountId, name, content.getBytes(StandardCharsets.UTF_8).length);
        if (noSpace.isPresent()) {
            throw noSpace.get();
        }
        Optional<String> problems = check(content);
        if (problems.isPresent()) {
            throw new SieveScriptRejected(Reason.INVALID_SCRIPT, problems.get());
        }
        return repository.put(accountId, name, content, maxScripts);
    }

    /** RFC 5804 2.12 CHECKSCRIPT: the validator's verdict without storing anything. */
    public Optional<String> check(String content) {
        if (content.getBytes(StandardCharsets.UTF_8).length > maxScriptSize) {
            return Optional.of("Script exceeds the size limit of " + maxScriptSize + " octets");
        }
        // No Sieve construct needs NUL, and PostgreSQL text cannot hold it (it would fail the insert).
        if (content.indexOf('\0') >= 0) {
            return Optional.of("A script must not contain NUL characters");
        }
        return validator.problems(content);
    }

    public List<String> extensions() {
        return validator.extensions();
    }
}
