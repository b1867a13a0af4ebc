package org.mailplatform.mda.sieve;

import java.time.Duration;

import org.mailplatform.sieve.SieveLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.sieve.*}: whether the MDA runs the accounts' Sieve scripts, and their bounds.
 *
 * @param enabled      run each account's active script at delivery
 * @param cacheSize    parsed scripts kept in memory
 * @param maxRedirects redirects one run may make (RFC 5228 4.2)
 * @param maxActions   actions one run may make
 * @param maxSteps     commands, tests and comparisons one run may take
 * @param maxRunTime   time one run may take
 * @param vacationPurgeInterval how often expired vacation-reply records are removed
 */
@ConfigurationProperties("mailplatform.sieve")
public record SieveProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("4") int maxRedirects,
        @DefaultValue("32") int maxActions,
        @DefaultValue("200000") int maxSteps,
        @DefaultValue("2s") Duration maxRunTime,
        @DefaultValue("1h") Duration vacationPurgeInterval) {

    public SieveLimits limits() {
        SieveLimits d = SieveLimits.DEFAULTS;
        return new SieveLimits(d.maxScriptChars(), d.maxTokens(), d.maxNesting(), d.maxListLength(), maxSteps,
                maxRunTime, maxActions, maxRedirects, d.maxVariableLength(), d.maxVariables());
    }
}
