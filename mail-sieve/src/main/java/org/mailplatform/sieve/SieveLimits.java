package org.mailplatform.sieve;

import java.time.Duration;

/**
 * The bounds every script is held to, at upload and at delivery, so that no script can make the
 * MDA slow, big or chatty.
 *
 * @param maxScriptChars    longest script accepted
 * @param maxTokens         most tokens in a script
 * @param maxNesting        deepest nesting of blocks and tests
 * @param maxListLength     most strings in one string list
 * @param maxSteps          most commands, tests and comparisons one run may take
 * @param maxRunTime        longest one run may take
 * @param maxActions        most actions one run may produce
 * @param maxRedirects      most redirects one run may produce (RFC 5228 4.2 lets sites limit them)
 * @param maxVariableLength longest value a variable holds; longer values are cut (RFC 5229 3)
 * @param maxVariables      most distinct variables a run may set
 */
public record SieveLimits(int maxScriptChars, int maxTokens, int maxNesting, int maxListLength, int maxSteps,
                          Duration maxRunTime, int maxActions, int maxRedirects, int maxVariableLength,
                          int maxVariables) {

    public static final SieveLimits DEFAULTS = new SieveLimits(256 * 1024, 50_000, 32, 1024, 200_000,
            Duration.ofSeconds(2), 32, 4, 4096, 256);

    public SieveLimits {
        if (maxScriptChars < 1 || maxTokens < 1 || maxNesting < 1 || maxListLength < 1 || maxSteps < 1
                || maxActions < 1 || maxRedirects < 0 || maxVariableLength < 1 || maxVariables < 1
                || maxRunTime == null || maxRunTime.isNegative() || maxRunTime.isZero()) {
            throw new IllegalArgumentException("Sieve limits must be positive");
        }
    }
}
